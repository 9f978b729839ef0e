// Every test here runs several server processes (and Azurite) on a 2-core machine: run them one
// at a time, so that one test's load never makes another's cluster declare a healthy server dead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
