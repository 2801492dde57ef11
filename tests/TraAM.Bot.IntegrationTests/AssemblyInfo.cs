// One PostgreSQL database per app instance; test classes share it and reset tables, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
