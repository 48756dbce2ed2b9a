"""Built-in pipeline stages, one per file (see ``pipeline.stage.BUILTIN_STAGES``)."""
