"""Stage of the rule(s) generate_sample."""

from __future__ import annotations


def generate_sample(*, gemeente: str, output_dir: str, towns: int = 1) -> None:
    """Generate the Voorbeeldstad sample inputs."""
    from warmtekans.sample.generate import generate

    generate(output_dir, gemeente, towns=towns)
