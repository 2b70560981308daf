using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// Base of the fixtures that read what maildev received: a database of their own (an outbox no other fixture fills,
/// so each test can dispatch everything that is due) and a maildev client per test.
/// </summary>
public abstract class MailFixture(string provider) : OnBothDatabases(provider)
{
    protected override string? Isolation => "notifications";

    protected MailDev Mail { get; private set; } = null!;

    // maildev is never emptied between tests: its "delete all" removes files asynchronously and could take a message
    // arriving meanwhile with it. Every test writes to addresses of its own instead.
    [SetUp]
    public void StartMail() => Mail = MailDev.Require();

    [TearDown]
    public void StopMail() => Mail?.Dispose();
}
