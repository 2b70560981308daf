using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests;

/// <summary>After every integration test: how many queries went through the SQL Server translation (README, "SQL Server").</summary>
[SetUpFixture]
public sealed class SqlServerTranslationSummary
{
    [OneTimeTearDown]
    public void Report() =>
        TestContext.Progress.WriteLine($"SQL Server translation of the SQLite apps' queries: {SqlServerTranslation.DistinctQueries} distinct queries, " +
            $"{SqlServerTranslation.Statements.Count} statements, {SqlServerTranslation.Failures.Count} failed");
}
