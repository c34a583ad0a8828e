"""The generated sample town Voorbeeldstad (GM9999): inputs in the real datasets' formats."""
