using TrainingHub.Core.Audit;

namespace TrainingHub.UnitTests.Audit;

/// <summary>
/// The verification over a chain whose first five entries are the old, unkeyed chain and the next five were sealed with
/// the key: every way a database writer without the key can tamper with it is found, and the old chain alone still verifies.
/// </summary>
public class AuditChainVerifierTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTime T0 = new(2026, 12, 7, 13, 0, 0, DateTimeKind.Utc);

    private sealed record Chain(List<AuditEntry> Entries, AuditChainHead Head, List<AuditCheckpoint?> Checkpoints);

    private static AuditEntry Entry(long sequence) => new()
    {
        Sequence = sequence,
        OccurredAt = T0.AddMinutes(sequence),
        ActorUserId = "u1",
        ActorName = "Ana",
        Action = "Modified",
        EntityType = "AttendanceRecord",
        EntityId = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AfterJson = "{\"Status\":\"Present\"}",
    };

    /// <summary>Five old entries, five keyed ones, a checkpoint at 8 and the head at 10.</summary>
    private static Chain Build(int legacy = 5, int keyed = 5)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var s = 1L; s <= legacy + keyed; s++)
        {
            var e = Entry(s);
            e.PreviousHash = previous;
            if (s > legacy)
            {
                e.SealedAt = T0.AddHours(1);
                e.Hash = AuditChain.ComputeMac(e, Key);
            }
            else
            {
                e.Hash = AuditChain.ComputeHash(e);
            }

            previous = e.Hash;
            entries.Add(e);
        }

        long? keyedFrom = keyed > 0 ? legacy + 1 : null;
        var head = new AuditChainHead { Id = 1, LastSequence = legacy + keyed, LastHash = previous, KeyedFrom = keyedFrom };
        List<AuditCheckpoint?> checkpoints = keyed > 2 ? [AuditCheckpoint.Create(T0.AddHours(1), legacy + keyed - 2, entries[legacy + keyed - 3].Hash!, keyedFrom, Key)] : [];
        return new(entries, head, checkpoints);
    }

    private static ChainVerification Verify(Chain c)
    {
        var v = new AuditChainVerifier(c.Head, c.Checkpoints, Key);
        foreach (var e in c.Entries.OrderBy(e => e.Sequence))
        {
            if (v.Check(e) is { } problem)
            {
                return problem;
            }
        }

        return v.Finish();
    }

    private static void Rehash(Chain c, int fromIndex)
    {
        // What someone without the key can do: recompute the public hash from here on and move the head.
        var previous = c.Entries[fromIndex].PreviousHash!;
        foreach (var e in c.Entries.Skip(fromIndex))
        {
            e.PreviousHash = previous;
            e.Hash = AuditChain.ComputeHash(e);
            previous = e.Hash;
        }

        c.Head.LastHash = previous;
    }

    [Test]
    public void An_untouched_chain_of_old_and_keyed_entries_is_intact() => Verify(Build()).Intact.ShouldBeTrue();

    [Test]
    public void The_old_chain_alone_still_verifies_by_its_plain_hashes() => Verify(Build(legacy: 5, keyed: 0)).Intact.ShouldBeTrue();

    [Test]
    public void An_old_entry_edited_is_reported_as_altered()
    {
        var c = Build();
        c.Entries[2].ActorName = "Bruno";
        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Altered, (long?)3));
    }

    [Test]
    public void A_keyed_entry_edited_is_reported_as_altered()
    {
        var c = Build();
        c.Entries[6].AfterJson = "{\"Status\":\"Absent\"}";
        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Altered, (long?)7));
    }

    [Test]
    public void A_keyed_entry_edited_and_rehashed_to_the_end_with_the_head_moved_is_reported_where_the_rewrite_starts()
    {
        var c = Build();
        c.Entries[6].Reason = "covered up";
        Rehash(c, 6);
        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Altered, (long?)7));
    }

    [Test]
    public void The_whole_old_chain_rewritten_consistently_is_caught_by_the_first_keyed_link()
    {
        var c = Build();
        c.Entries[1].Reason = "covered up";
        var previous = c.Entries[1].PreviousHash!;
        foreach (var e in c.Entries.Take(5).Skip(1))
        {
            e.PreviousHash = previous;
            e.Hash = AuditChain.ComputeHash(e);
            previous = e.Hash;
        }

        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Altered, (long?)5));
    }

    [Test]
    public void Keyed_entries_passed_off_as_old_ones_are_caught_by_the_checkpoint()
    {
        var c = Build();
        c.Head.KeyedFrom = null;
        foreach (var e in c.Entries)
        {
            e.SealedAt = null;
        }

        Rehash(c, 5);
        Verify(c).Problem.ShouldBe(ChainProblem.Altered);
    }

    [Test]
    public void A_deleted_entry_is_reported_as_removed()
    {
        var c = Build();
        c.Entries.RemoveAt(7);
        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Removed, (long?)8));
    }

    [Test]
    public void Two_entries_swapped_are_reported_as_altered()
    {
        var c = Build();
        (c.Entries[6].Sequence, c.Entries[7].Sequence) = (8, 7);
        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Altered, (long?)7));
    }

    [Test]
    public void An_entry_inserted_in_the_middle_with_the_rest_renumbered_is_reported()
    {
        var c = Build();
        var forged = Entry(7);
        forged.ActorName = "intruder";
        forged.PreviousHash = c.Entries[5].Hash;
        forged.Hash = AuditChain.ComputeHash(forged);
        foreach (var e in c.Entries.Skip(6))
        {
            e.Sequence++;
        }

        c.Entries.Insert(6, forged);
        c.Head.LastSequence++;
        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Altered, (long?)7));
    }

    [Test]
    public void A_tail_cut_off_with_the_head_moved_back_is_reported_as_truncated_when_a_checkpoint_covers_it()
    {
        var c = Build();
        c.Entries.RemoveRange(6, 4);
        c.Head.LastSequence = 6;
        c.Head.LastHash = c.Entries[5].Hash!;
        (Verify(c).Problem, Verify(c).Sequence).ShouldBe((ChainProblem.Truncated, (long?)7));
    }

    [Test]
    public void A_checkpoint_line_not_sealed_with_the_key_is_reported()
    {
        var c = Build();
        c.Checkpoints.Add(AuditCheckpoint.Create(T0, 10, c.Head.LastHash, 6, new byte[32]));
        Verify(c).Problem.ShouldBe(ChainProblem.Checkpoint);
        c.Checkpoints[^1] = null;
        Verify(c).Problem.ShouldBe(ChainProblem.Checkpoint);
    }

    [Test]
    public void A_checkpoint_survives_its_line_round_trip()
    {
        var cp = AuditCheckpoint.Create(T0.AddTicks(123_456_7), 42, new string('b', 64), 6, Key);
        var back = AuditCheckpoint.Parse(cp.ToLine()).ShouldNotBeNull();
        back.ShouldBe(cp);
        back.IsSealedWith(Key).ShouldBeTrue();
        AuditCheckpoint.Parse("not json").ShouldBeNull();
    }
}
