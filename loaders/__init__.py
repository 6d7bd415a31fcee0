"""Documents → typed records. No database here."""

from plankg.loaders.records import PlanRecord
from plankg.loaders.sources import SourceDocument, iter_plan_files, read_document


def parse_file(path) -> PlanRecord:
    """Read one plan file into a PlanRecord; raises ParseError naming the file."""
    from plankg.loaders.plan import parse_document

    return parse_document(read_document(path))


__all__ = ["PlanRecord", "SourceDocument", "iter_plan_files", "parse_file", "read_document"]
