// Tests share one app and one browser but each has its own browser context (and, with a fixture instance per test
// case, its own page), so they can run side by side. Every test picks its language with its own cookie, so a test that
// changes a demo user's preferred language does not change what another one sees.
[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Children)]
[assembly: NUnit.Framework.FixtureLifeCycle(NUnit.Framework.LifeCycle.InstancePerTestCase)]
[assembly: NUnit.Framework.LevelOfParallelism(3)]
