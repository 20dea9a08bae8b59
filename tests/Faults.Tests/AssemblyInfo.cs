// Each drill kills servers and measures how long recovery takes: drills running side by side on a
// two-core machine would slow each other down and blur what they measure.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
