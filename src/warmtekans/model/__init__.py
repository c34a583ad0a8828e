"""The physical model: dwellings and their demand, clusters, loops, sewers, restrictions, heat-source allocation."""
