// When a photo was taken, from its EXIF DateTimeOriginal (and OffsetTimeOriginal when the camera
// wrote one): the device re-encodes each photo, which drops its EXIF (its location with it), so
// the time is read first and sent beside it as `taken_at` (issue 17 §1). For the pages and the
// service worker (importScripts). A file without one: the time the phone gave the file.
"use strict";
(function (scope) {
  const HEAD_BYTES = 128 * 1024;  // EXIF sits in the first segment (APP1, at most 64 KB)
  const EXIF_IFD = 0x8769;
  const TAKEN = 0x9003;
  const OFFSET = 0x9011;
  const STAMP = /^(\d{4}):(\d\d):(\d\d) (\d\d):(\d\d):(\d\d)/;
  const ZONE = /^[+-]\d\d:\d\d$/;

  // The APP1 "Exif\0\0" segment's TIFF header: its start and end in `view`, or null.
  function tiffOf(view) {
    if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;  // not a JPEG
    let at = 2;
    while (at + 4 <= view.byteLength) {
      const marker = view.getUint16(at);
      const size = view.getUint16(at + 2);
      if (marker >> 8 !== 0xff || marker === 0xffda) return null;  // lost, or the image data
      if (marker === 0xffe1 && size > 8 && view.getUint32(at + 4) === 0x45786966) {
        return {start: at + 10, end: Math.min(at + 2 + size, view.byteLength)};
      }
      at += 2 + size;
    }
    return null;
  }

  // The text of each of `tags` in an IFD (ASCII values), by tag.
  function texts(view, tiff, little, ifd, tags) {
    const found = {};
    const count = view.getUint16(tiff.start + ifd, little);
    for (let n = 0; n < count; n += 1) {
      const entry = tiff.start + ifd + 2 + n * 12;
      if (entry + 12 > tiff.end) break;
      const tag = view.getUint16(entry, little);
      if (!tags.includes(tag)) continue;
      const type = view.getUint16(entry + 2, little);
      const length = view.getUint32(entry + 4, little);
      const value = view.getUint32(entry + 8, little);
      if (type === 4 || type === 13) found[tag] = value;  // LONG or IFD: the EXIF IFD's offset
      if (type !== 2 || length > 64) continue;  // the texts wanted are short ASCII
      const at = length <= 4 ? entry + 8 : tiff.start + value;
      if (at + length > tiff.end) continue;
      found[tag] = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + at, length))
        .replace(/\0.*$/, "");
    }
    return found;
  }

  function fromExif(view) {
    const tiff = tiffOf(view);
    if (!tiff) return null;
    const little = view.getUint16(tiff.start) === 0x4949;
    const first = view.getUint32(tiff.start + 4, little);
    const exif = texts(view, tiff, little, first, [EXIF_IFD])[EXIF_IFD];
    if (typeof exif !== "number") return null;
    const found = texts(view, tiff, little, exif, [TAKEN, OFFSET]);
    const parts = STAMP.exec(found[TAKEN] || "");
    if (!parts) return null;
    const zone = ZONE.test(found[OFFSET] || "") ? found[OFFSET] : "";  // none: the phone's own
    const when = new Date(`${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6]}${zone}`);
    return Number.isNaN(when.getTime()) ? null : when.toISOString();
  }

  async function takenAt(file) {
    try {
      const exif = fromExif(new DataView(await file.slice(0, HEAD_BYTES).arrayBuffer()));
      if (exif) return exif;
    } catch (error) {
      // a damaged header: the file's own time
    }
    return new Date(file.lastModified || Date.now()).toISOString();
  }

  scope.PermitlinePhotoTime = {takenAt};
})(self);
