// Test fixture: a `preload` module that ends its worker thread, to prove a dying worker
// becomes a typed WORKER_EXITED error instead of a hang.
process.exit(3);
