// A photo made small enough to wait on the phone and to send over a weak connection (issue 17
// §1): turned upright by its EXIF orientation, its long side about 1,600 px, re-encoded as JPEG
// at the highest quality that stays within 500 KB (which also drops its EXIF, location and
// all), and a thumbnail for the lists. For the pages and the service worker (importScripts):
// OffscreenCanvas where there is one, a canvas element otherwise.
"use strict";
(function (scope) {
  const LONG_SIDE = 1600;
  const MOST_BYTES = 500 * 1024;
  const QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45];
  const SMALLER = 0.75;  // a photo still too large at the lowest quality loses some size
  const SMALLEST_SIDE = 480;
  const THUMB_SIDE = 240;
  const THUMB_QUALITY = 0.7;

  const supported = typeof createImageBitmap === "function" && (typeof OffscreenCanvas === "function"
    || (typeof document !== "undefined" && typeof HTMLCanvasElement.prototype.toBlob === "function"));

  function canvasOf(width, height) {
    if (typeof OffscreenCanvas === "function") return new OffscreenCanvas(width, height);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    return canvas;
  }

  function jpeg(canvas, quality) {
    if (canvas.convertToBlob) return canvas.convertToBlob({type: "image/jpeg", quality});
    return new Promise((resolve, reject) => canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("not encoded"))), "image/jpeg", quality));
  }

  // The bitmap drawn with its long side at most `side`: never enlarged.
  function drawn(bitmap, side) {
    const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = canvasOf(width, height);
    const context = canvas.getContext("2d");
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas;
  }

  function dataUrl(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }

  function decoded(file) {
    return createImageBitmap(file, {imageOrientation: "from-image"})
      .catch((error) => {
        // A browser that knows no such option decodes upright anyway (image-orientation).
        if (error instanceof TypeError) return createImageBitmap(file);
        throw error;
      });
  }

  // {blob, width, height, thumb}; rejects when the file is not an image this device can read.
  async function resized(file) {
    const bitmap = await decoded(file);
    try {
      for (let side = LONG_SIDE; ; side = Math.round(side * SMALLER)) {
        const canvas = drawn(bitmap, side);
        const last = side * SMALLER < SMALLEST_SIDE;
        for (const quality of QUALITIES) {
          const blob = await jpeg(canvas, quality);
          if (blob.size <= MOST_BYTES || (last && quality === QUALITIES[QUALITIES.length - 1])) {
            const thumb = await dataUrl(await jpeg(drawn(bitmap, THUMB_SIDE), THUMB_QUALITY));
            return {blob, width: canvas.width, height: canvas.height, thumb};
          }
        }
      }
    } finally {
      bitmap.close();
    }
  }

  // A thumbnail only (a photo kept as it was sent); rejects as `resized` does.
  async function thumbnail(file) {
    const bitmap = await decoded(file);
    try {
      return await dataUrl(await jpeg(drawn(bitmap, THUMB_SIDE), THUMB_QUALITY));
    } finally {
      bitmap.close();
    }
  }

  scope.PermitlinePhotoResize = {supported, resized, thumbnail, LONG_SIDE, MOST_BYTES};
})(self);
