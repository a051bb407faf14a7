"""Training code for newsift's fine-tuned models; never shipped in the runtime wheel.

``training.finetune`` is the shared harness (all-MiniLM-L6-v2 with classification heads,
fine-tuned on CPU, exported to int8 ONNX); ``training.checkworthy`` builds the
check-worthiness model on it. Needs the ``train`` extra (torch, transformers, onnx).
"""
