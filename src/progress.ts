/** What one epoch of training reports, and how it is printed. */
export interface EpochLog {
  /** 1-based epoch number. */
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  seconds: number;
}

/** "Epoch 2/5 - 7.1 s - loss 0.5012 - accuracy 0.8231 - val_loss 0.5333 - val_accuracy 0.8127" */
export function formatEpoch(log: EpochLog): string {
  const width = String(log.epochs).length;
  return [
    `Epoch ${String(log.epoch).padStart(width)}/${log.epochs}`,
    `${log.seconds.toFixed(1)} s`,
    `loss ${log.loss.toFixed(4)}`,
    `accuracy ${log.accuracy.toFixed(4)}`,
    `val_loss ${log.valLoss.toFixed(4)}`,
    `val_accuracy ${log.valAccuracy.toFixed(4)}`,
  ].join(' - ');
}
