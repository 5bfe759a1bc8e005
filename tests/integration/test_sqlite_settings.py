"""Every SQLite connection is set for the review's writes: the chunk's scattered index pages
stay in its cache, the savepoint's journal in memory, and the WAL is folded back every ~40 MB
(figures in store/db._pragmas)."""

from legal_flows.store.db import SQLITE_CACHE_KIB, SQLITE_CHECKPOINT_PAGES, get_engine


def test_each_new_sqlite_connection_caches_64_mib_journals_in_memory_checkpoints_at_40_mb(
    tmp_path,
):
    engine = get_engine(f"sqlite:///{tmp_path / 'settings.db'}")
    # Two connections at once: the second is opened fresh, not handed back from the pool.
    first, second = engine.raw_connection(), engine.raw_connection()
    try:
        for conn in (first, second):
            pragma = conn.cursor().execute
            assert pragma("PRAGMA cache_size").fetchone()[0] == -SQLITE_CACHE_KIB
            assert pragma("PRAGMA temp_store").fetchone()[0] == 2  # 2: MEMORY
            assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert pragma("PRAGMA wal_autocheckpoint").fetchone()[0] == SQLITE_CHECKPOINT_PAGES
    finally:
        first.close()
        second.close()
    assert (SQLITE_CACHE_KIB, SQLITE_CHECKPOINT_PAGES) == (64 * 1024, 10_000)
