"""The decision: option vocabulary, costs, feasibility and advice, scores, assessment, sensitivity."""
