/**
 * MAIL_JPEG_QUALITIES are the JPEG qualities a photo for a mail steps down through until it
 * fits its byte budget (Images.mailJpeg); the last one is the floor, kept even when larger.
 */
export const MAIL_JPEG_QUALITIES = [82, 74, 66, 58, 50] as const;
