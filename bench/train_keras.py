"""One benchmark trainer, run in its own process by bench/run.ts: the article's model in
Keras (Flatten + Dense(10), SparseCategoricalCrossentropy(from_logits=True), Adam defaults,
batch 32, shuffled), on the same Fashion-MNIST files and preprocessing as the tfjs trainers.
Prints one JSON line with its measurements on stdout; exits 3 if TensorFlow is not installed.

  .venv/bin/python bench/train_keras.py --data DIR [--epochs 5] [--train 60000] [--raw]
"""
import argparse, gzip, json, os, resource, sys, time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def read_idx(path):
    import numpy as np
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--train", type=int, default=60000)
    p.add_argument("--valid", type=int, default=10000)
    p.add_argument("--raw", action="store_true")
    a = p.parse_args()
    t0 = time.perf_counter()
    try:
        import tensorflow as tf
    except ImportError as e:
        print(json.dumps({"trainer": "keras", "skipped": f"TensorFlow is not installed in this Python ({e}); npm run bench installs it"}))
        return 3
    load_seconds = time.perf_counter() - t0
    tf.keras.utils.set_random_seed(42)
    scale = 1.0 if a.raw else 255.0
    x = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"))[: a.train].astype("float32") / scale
    y = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"))[: a.train]
    vx = read_idx(os.path.join(a.data, "t10k-images-idx3-ubyte.gz"))[: a.valid].astype("float32") / scale
    vy = read_idx(os.path.join(a.data, "t10k-labels-idx1-ubyte.gz"))[: a.valid]
    model = tf.keras.Sequential([tf.keras.Input(shape=(28, 28)), tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
    model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])

    class Timer(tf.keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds.append(time.perf_counter() - self.t)

    seconds = []
    start = time.perf_counter()
    history = model.fit(x, y, epochs=a.epochs, batch_size=32, shuffle=True, validation_data=(vx, vy), verbose=0, callbacks=[Timer()])
    fit_seconds = time.perf_counter() - start
    print(json.dumps({
        "trainer": "keras",
        "backend": f"TensorFlow {tf.__version__} CPU, Keras {tf.keras.__version__ if hasattr(tf.keras, '__version__') else ''}".strip(),
        "backendLoadSeconds": load_seconds,
        "epochSeconds": seconds,
        "fitSeconds": fit_seconds,
        "valAccuracy": float(history.history["val_accuracy"][-1]),
        "valLoss": float(history.history["val_loss"][-1]),
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
