"""`make bench`: stage timings on the shipped corpus, the regex floor, start-up and scale (issue 5)."""
