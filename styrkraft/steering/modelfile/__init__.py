"""The municipality model file: one YAML file describes a municipality's whole steering chain
(docs/model-file.md). Validate it, load it (in one transaction) and dump a municipality back to it."""

from styrkraft.steering.modelfile.dump import dump_yaml, model_file_dump
from styrkraft.steering.modelfile.load import model_file_counts, model_file_load, summary_line
from styrkraft.steering.modelfile.parsing import ModelFileError, Problem, parse_model_file
from styrkraft.steering.modelfile.schema import SCHEMA
from styrkraft.steering.modelfile.validate import build_plan, validate_model_file

__all__ = [
    "SCHEMA",
    "ModelFileError",
    "Problem",
    "build_plan",
    "dump_yaml",
    "model_file_counts",
    "model_file_dump",
    "model_file_load",
    "parse_model_file",
    "summary_line",
    "validate_model_file",
]
