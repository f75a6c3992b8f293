/**
 * The ten kinds of clothing in Fashion-MNIST, in label order: label 0 is
 * "T-shirt/top", label 1 is "Trouser", and so on up to label 9, "Ankle boot".
 */
export const CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

export type ClassName = (typeof CLASS_NAMES)[number];

/** How many classes (and so how many output neurons) the brain needs. */
export const NUM_CLASSES = CLASS_NAMES.length;

/** Image side in pixels, and pixels per image (28 x 28 = 784). */
export const IMAGE_SIZE = 28;
export const PIXELS_PER_IMAGE = IMAGE_SIZE * IMAGE_SIZE;

/** The name of a label, e.g. className(1) === 'Trouser'. */
export function className(label: number): ClassName {
  if (!Number.isInteger(label) || label < 0 || label >= NUM_CLASSES) {
    throw new RangeError(
      `className: label ${label} is not a Fashion-MNIST class; labels are whole numbers 0..${NUM_CLASSES - 1}.`,
    );
  }
  return CLASS_NAMES[label];
}
