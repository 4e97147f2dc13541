"""Analysis of a case: claims, timelines, volumes, plausibility and the case model."""
