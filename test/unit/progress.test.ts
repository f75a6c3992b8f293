import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EpochLog, formatEpoch } from '../../src/progress';

const log: EpochLog = { epoch: 2, epochs: 5, loss: 0.50123, accuracy: 0.82306, valLoss: 0.53333, valAccuracy: 0.81274, seconds: 7.06 };

test('formatEpoch prints the Keras-like progress line, 4 decimals, seconds to 0.1', () => {
  assert.equal(
    formatEpoch(log),
    'Epoch 2/5 - 7.1 s - loss 0.5012 - accuracy 0.8231 - val_loss 0.5333 - val_accuracy 0.8127',
  );
});

test('formatEpoch pads the epoch number to the width of the total', () => {
  assert.ok(formatEpoch({ ...log, epoch: 3, epochs: 10 }).startsWith('Epoch  3/10 - '));
  assert.ok(formatEpoch({ ...log, epoch: 10, epochs: 10 }).startsWith('Epoch 10/10 - '));
});

test('formatEpoch shows a missing number as NaN rather than hiding it', () => {
  assert.match(formatEpoch({ ...log, valAccuracy: Number.NaN }), /val_accuracy NaN$/);
});
