import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { toBuffer } from 'qrcode';

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`): a QR code of
 * `text`, drawn by the `qrcode` library, centred on white, `frames` identical frames. Written as
 * YUV4MPEG2 (a text header, then per frame `FRAME\n` and the raw 4:2:0 planes Y, U, V), converted
 * from the PNG's RGB with the JPEG (full range) BT.601 coefficients; grey pixels have U = V = 128.
 */
export async function writeQrVideo(
  path: string,
  text: string,
  options: { width?: number; height?: number; frames?: number } = {},
): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const png = PNG.sync.read(
    await toBuffer(text, { errorCorrectionLevel: 'M', margin: 4, width: Math.min(width, height) - 80 }),
  );
  const left = Math.floor((width - png.width) / 2);
  const top = Math.floor((height - png.height) / 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const at = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[at], png.data[at + 1], png.data[at + 2]];
      luma[(top + y) * width + left + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: options.frames ?? 10 }, () => frame)]));
}
