"""Where batches run: one process, a worker pool, or a Dask cluster; one bookkeeping for all."""
