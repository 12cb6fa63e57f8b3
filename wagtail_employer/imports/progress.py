"""Writing a background import's progress where every application server can read it.

The import itself runs in one transaction (all or nothing), so anything it writes is
invisible to other sessions until it commits, and lost if it rolls back. Progress must
be seen *while* it runs, and must never be part of what the import commits. So:

* On PostgreSQL (and any database with row locks and concurrent writers) the progress
  goes through a second connection of its own, in autocommit, to the
  :class:`~wagtail_employer.models.ImportProgress` row: visible at once to every
  server, and untouched by the import's commit or rollback. It is a separate row from
  the :class:`~wagtail_employer.models.PendingImport`, which the import keeps locked.
* SQLite has one writer at a time: a second connection would wait for the import's own
  write lock until it times out. There the progress is written through the import's
  connection, and only while no transaction is open (before the import starts writing);
  during the import the page shows the last figure, and the result once it commits.
  SQLite serves one machine anyway; run several servers on PostgreSQL.

A failure to write progress is logged and ignored: it must never fail an import.
"""

import logging
import time

from django.db import DEFAULT_DB_ALIAS, connections
from django.db import Error as DatabaseError
from django.utils import timezone

from ..models import ImportProgress

logger = logging.getLogger(__name__)


class ProgressRecorder:
    """``recorder(done, total)``: records the progress of ``pending_import_id``.

    Writes at most every ``min_interval`` seconds (and always the first and last
    figure), so that a fast import does not spend its time reporting.
    """

    min_interval = 0.5

    def __init__(self, pending_import_id, using=DEFAULT_DB_ALIAS):
        self.pending_import_id = pending_import_id
        self.using = using
        self.own_connection = None
        self.last_write = None
        self.calls = []  # (done, total) as reported, for the command's tests and logs

    def __call__(self, done, total):
        self.calls.append((done, total))
        now = time.monotonic()
        final = done >= total
        if not final and self.last_write is not None:
            if now - self.last_write < self.min_interval:
                return
        self.last_write = now
        try:
            self.write(done, total)
        except DatabaseError:
            logger.warning("Could not record the progress of import %s", self.pending_import_id)

    @property
    def import_connection(self):
        return connections[self.using]

    def write(self, done, total):
        if self.import_connection.vendor == "sqlite":
            if not self.import_connection.in_atomic_block:
                self._update_through_the_orm(done, total)
            return
        self._update_through_own_connection(done, total)

    def _update_through_the_orm(self, done, total):
        ImportProgress.objects.using(self.using).filter(
            pending_import_id=self.pending_import_id
        ).update(done=done, total=total, updated_at=timezone.now())

    def _update_through_own_connection(self, done, total):
        if self.own_connection is None:
            self.own_connection = connections.create_connection(self.using)
        quote = self.own_connection.ops.quote_name
        table = ImportProgress._meta.db_table
        with self.own_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(table)} SET {quote('done')} = %s, {quote('total')} = %s, "  # noqa: S608 (names are the model's own)
                f"{quote('updated_at')} = %s WHERE {quote('pending_import_id')} = %s",
                [done, total, timezone.now(), self.pending_import_id],
            )

    def close(self):
        if self.own_connection is not None:
            self.own_connection.close()
            self.own_connection = None
