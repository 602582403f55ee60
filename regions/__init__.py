"""Regions: every government that delivers a 政府工作报告, from the State Council to a county.

`registry` loads the registry (data/regions.csv, built from the official division list by
`python -m regions.refresh`; data/extra.csv for regions the official list lacks); `detect` reads a
report's own words to tell which region and year it is. Imports `extractors` (text helpers) and
nothing else of ours; `extractors` never imports this package.
"""
