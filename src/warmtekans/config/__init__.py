"""The configuration: typed models (one source of truth), the strict YAML loader, area inputs and the CLI."""
