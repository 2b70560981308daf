namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>The real clock plus an offset a test can move forward (to pass idle and absolute session limits).</summary>
public sealed class TestClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Offset += by;
}
