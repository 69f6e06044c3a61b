"""Running the stages: the extractor (extract, then link), the process pool, Dask, the build."""
