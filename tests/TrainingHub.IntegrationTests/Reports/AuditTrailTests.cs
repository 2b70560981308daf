using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Audit;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Reports;

/// <summary>The audit trail's integrity check finds an altered, a deleted and an inserted row, each made straight in the database.</summary>
public sealed class AuditTrailTests(string provider) : OnBothDatabases(provider)
{
    // Shares the reports database: these tests break the chain and repair it before they end.
    protected override string? Isolation => "reports";

    private Task<ChainVerification> VerifyAsync() => App.VerifyAuditAsync();

    private Task<AuditEntry> EntryAsync(long sequence) => App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == sequence));

    private async Task<long> MiddleAsync()
    {
        await App.SealAuditAsync();
        var v = await VerifyAsync();
        v.Intact.ShouldBeTrue($"{v.Problem} at {v.Sequence}");
        v.LastSequence.ShouldBeGreaterThan(20);
        return v.LastSequence / 2;
    }

    [Test]
    public async Task An_altered_row_is_reported_with_its_number_on_the_screen_in_the_api_and_by_the_use_case()
    {
        var k = await MiddleAsync();
        var original = await EntryAsync(k);
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "someone else")));
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Altered, (long?)k));

            using var api = await App.ApiClientAsync(TestApp.AdminEmail);
            var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
            json.GetProperty("intact").GetBoolean().ShouldBeFalse();
            json.GetProperty("problem").GetString().ShouldBe("Altered");
            json.GetProperty("sequence").GetInt64().ShouldBe(k);
            var page = await api.GetStringAsync(new Uri("/audit?verify=true&culture=en", UriKind.Relative));
            page.ShouldContain($"entry {k} was altered");
        }
        finally
        {
            await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, original.ActorName)));
        }

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_row_rewritten_with_a_fresh_hash_is_still_reported_as_altered()
    {
        var k = await MiddleAsync();
        var original = await EntryAsync(k);
        var forged = original.Reason;
        var copy = new AuditEntry
        {
            Sequence = original.Sequence,
            OccurredAt = DateTime.SpecifyKind(original.OccurredAt, DateTimeKind.Utc),
            ActorUserId = original.ActorUserId,
            ActorName = original.ActorName,
            Action = original.Action,
            EntityType = original.EntityType,
            EntityId = original.EntityId,
            OrganizationId = original.OrganizationId,
            BeforeJson = original.BeforeJson,
            AfterJson = original.AfterJson,
            Reason = "covered up",
            PreviousHash = original.PreviousHash,
            Hash = "",
        };
        var hash = AuditChain.ComputeHash(copy);
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, "covered up").SetProperty(e => e.Hash, hash)));
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Altered, (long?)k));
        }
        finally
        {
            await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, forged).SetProperty(e => e.Hash, original.Hash)));
        }

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_deleted_row_is_reported_as_removed_with_its_number()
    {
        var k = await MiddleAsync();
        var original = await EntryAsync(k);
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteDeleteAsync());
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Removed, (long?)k));
        }
        finally
        {
            original.Id = 0;
            original.OccurredAt = DateTime.SpecifyKind(original.OccurredAt, DateTimeKind.Utc);
            await App.WithDbAsync(db =>
            {
                db.AuditEntries.Add(original);
                return db.SaveChangesAsync();
            });
        }

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_row_inserted_after_the_head_even_with_a_correct_hash_is_reported_as_inserted()
    {
        await MiddleAsync();
        var head = await App.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());
        var forged = new AuditEntry
        {
            Sequence = head.LastSequence + 1,
            OccurredAt = AuditChain.Truncate(App.Clock.GetUtcNow().UtcDateTime),
            ActorName = "intruder",
            Action = "Modified",
            EntityType = "AttendanceRecord",
            EntityId = "1",
            AfterJson = "{\"Status\":\"Present\"}",
            PreviousHash = head.LastHash,
            Hash = "",
        };
        forged.Hash = AuditChain.ComputeHash(forged);
        await App.WithDbAsync(db =>
        {
            db.AuditEntries.Add(forged);
            return db.SaveChangesAsync();
        });
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Inserted, (long?)forged.Sequence));
        }
        finally
        {
            await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == forged.Sequence).ExecuteDeleteAsync());
        }

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_scoped_administrator_browses_and_exports_only_entries_of_their_organisations()
    {
        const string email = "admin.prefeitura@demo.traininghub.local";
        var inScope = await App.WithDbAsync(async db =>
        {
            var path = await db.Users.Where(u => u.Email == email).Select(u => u.ScopeOrganization!.Path).SingleAsync();
            return (await db.Organizations.Where(o => o.Path.StartsWith(path)).Select(o => o.Id).ToListAsync()).ToHashSet();
        });
        var expected = await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.OrganizationId != null && inScope.Contains(e.OrganizationId.Value)));
        expected.ShouldBeGreaterThan(0);
        using var api = await App.ApiClientAsync(email);
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=200");
        page.GetProperty("totalCount").GetInt32().ShouldBe(expected);
        page.GetProperty("items").EnumerateArray().ShouldAllBe(e => inScope.Contains(e.GetProperty("organizationId").GetInt32()));
        var csv = ReportFiles.ParseCsv(await (await api.GetAsync(new Uri("/audit/export.csv", UriKind.Relative))).Content.ReadAsByteArrayAsync());
        csv.Count.ShouldBe(expected + 1);
        (await api.GetAsync(new Uri("/api/v1/audit/verify", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
