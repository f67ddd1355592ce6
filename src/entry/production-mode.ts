// Imported first by the Node entries: React (mails, PDFs) picks its production build when it
// is loaded, several times faster than the development build. NODE_ENV set by hand still wins.
process.env.NODE_ENV ??= 'production';
