/**
 * Pixels to PNG images, for showing clothes and learned weights in a notebook
 * (a PNG shows everywhere: live, in a reopened notebook, in an HTML export).
 */
import { PNG } from 'pngjs';
import { IMAGE_SIZE } from './classes';

export type Rgb = [number, number, number];

function encode(width: number, height: number, colorAt: (i: number) => Rgb): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputHasAlpha: false });
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = colorAt(i);
    png.data[i * 4] = r;
    png.data[i * 4 + 1] = g;
    png.data[i * 4 + 2] = b;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 2 });
}

function checkSize(values: ArrayLike<number>, width: number, height: number, where: string): void {
  if (values.length !== width * height) {
    throw new RangeError(`${where}: got ${values.length} values for a ${width} x ${height} image (needs ${width * height}).`);
  }
}

/** A grayscale image: 0 = black, 255 = white (values outside are clipped). */
export function grayscalePng(pixels: ArrayLike<number>, width = IMAGE_SIZE, height = IMAGE_SIZE): Buffer {
  checkSize(pixels, width, height, 'grayscalePng');
  return encode(width, height, (i) => {
    const v = Math.max(0, Math.min(255, Math.round(pixels[i])));
    return [v, v, v];
  });
}

/**
 * Diverging colours for weights: blue for negative, white for zero, red for
 * positive, scaled so the largest |value| is full colour.
 */
export function divergingColor(value: number, maxAbs: number): Rgb {
  const t = maxAbs > 0 ? Math.max(-1, Math.min(1, value / maxAbs)) : 0;
  const fade = (full: number) => Math.round(255 - (255 - full) * Math.abs(t));
  return t >= 0 ? [fade(178), fade(24), fade(43)] : [fade(33), fade(102), fade(172)];
}

export function divergingPng(values: ArrayLike<number>, width = IMAGE_SIZE, height = IMAGE_SIZE): Buffer {
  checkSize(values, width, height, 'divergingPng');
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  return encode(width, height, (i) => divergingColor(values[i], maxAbs));
}

export function pngDataUri(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}
