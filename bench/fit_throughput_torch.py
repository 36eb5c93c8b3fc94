"""Trains the tutorial's MLP in PyTorch for bench/fit-throughput.js, on the data that script wrote.

The model, loss and optimizer match the TensorFlow.js runs: Linear(784, 64), ReLU, Linear(64, 10) and
softmax cross-entropy. Adam has the settings of the facade's "adam": learning rate 0.001, betas 0.9 and
0.999, epsilon 1e-7. Each epoch shuffles anew, and the loss and accuracy are read after every batch, as
Keras's fit() reports them.

Usage: python fit_throughput_torch.py X_FILE LABELS_FILE SAMPLES THREADS
X_FILE contains SAMPLES x 784 float32 values and LABELS_FILE SAMPLES int32 class indices, both in native
byte order. Each line on standard input is a JSON request {"batchSize", "maxSamples", "maxSeconds"};
the script trains one epoch with that batch size, stopping at the first batch end past maxSamples or
maxSeconds, and answers with one JSON line {"samples", "seconds"}. Each batch size keeps its own model.
"""

import json
import sys
import time

import numpy as np
import torch
from torch import nn


def make_model() -> tuple[nn.Module, torch.optim.Optimizer]:
    model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
    return model, optimizer


def train(model, optimizer, x, labels, batch_size, max_samples, max_seconds):
    """Trains one epoch or part of it and returns the samples trained on and the seconds taken."""
    loss_function = nn.CrossEntropyLoss()
    start = time.perf_counter()
    order = torch.randperm(x.shape[0])
    done = 0
    for begin in range(0, x.shape[0], batch_size):
        batch = order[begin : begin + batch_size]
        inputs, targets = x[batch], labels[batch]
        optimizer.zero_grad()
        logits = model(inputs)
        loss = loss_function(logits, targets)
        loss.backward()
        optimizer.step()
        loss.item()
        (logits.argmax(dim=1) == targets).float().mean().item()
        done += len(batch)
        if done >= max_samples or time.perf_counter() - start >= max_seconds:
            break
    return done, time.perf_counter() - start


def main() -> None:
    x_file, labels_file, samples, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    x = torch.from_numpy(np.fromfile(x_file, dtype=np.float32).reshape(samples, 784))
    labels = torch.from_numpy(np.fromfile(labels_file, dtype=np.int32).astype(np.int64))
    models = {}

    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        batch_size = request["batchSize"]
        if batch_size not in models:
            models[batch_size] = make_model()
        model, optimizer = models[batch_size]
        done, seconds = train(model, optimizer, x, labels, batch_size, request["maxSamples"], request["maxSeconds"])
        print(json.dumps({"samples": done, "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
