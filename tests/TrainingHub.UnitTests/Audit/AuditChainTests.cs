using TrainingHub.Core.Audit;

namespace TrainingHub.UnitTests.Audit;

public class AuditChainTests
{
    private static AuditEntry Entry() => new()
    {
        Sequence = 1,
        OccurredAt = new DateTime(2026, 3, 18, 13, 0, 0, DateTimeKind.Utc),
        ActorUserId = "u1",
        ActorName = "ana@example.gov.br",
        Action = "Modified",
        EntityType = "AttendanceRecord",
        EntityId = "42",
        BeforeJson = "{\"Status\":\"Absent\"}",
        AfterJson = "{\"Status\":\"Present\"}",
        PreviousHash = AuditChain.Genesis,
        Hash = "",
    };

    [Test]
    public void The_hash_is_stable_for_the_same_content() => AuditChain.ComputeHash(Entry()).ShouldBe(AuditChain.ComputeHash(Entry()));

    [Test]
    public void Changing_any_field_changes_the_hash()
    {
        var original = AuditChain.ComputeHash(Entry());
        var changes = new Action<AuditEntry>[]
        {
            e => e.Sequence = 2, e => e.OccurredAt = e.OccurredAt.AddTicks(10), e => e.ActorUserId = "u2", e => e.ActorName = "x",
            e => e.Action = "Added", e => e.EntityType = "Enrolment", e => e.EntityId = "43", e => e.OrganizationId = 1,
            e => e.BeforeJson = "{}", e => e.AfterJson = "{\"Status\":\"Late\"}", e => e.Reason = "correction", e => e.PreviousHash = new string('1', 64),
        };
        foreach (var change in changes)
        {
            var e = Entry();
            change(e);
            AuditChain.ComputeHash(e).ShouldNotBe(original);
        }
    }

    [Test]
    public void Instants_are_chained_at_microsecond_precision() =>
        AuditChain.Truncate(new DateTime(638_000_000_000_000_007, DateTimeKind.Utc)).Ticks.ShouldBe(638_000_000_000_000_000);
}
