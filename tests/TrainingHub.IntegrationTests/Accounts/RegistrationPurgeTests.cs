using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>Expired, never-confirmed self-registration requests lose their passphrase hash, then the row; confirmed ones stay.</summary>
public sealed class RegistrationPurgeTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Expired_unconfirmed_requests_lose_the_hash_then_go_and_confirmed_ones_stay()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var org = await App.WithDbAsync(db => db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        RegistrationRequest Request(string key, RegistrationStatus status, DateTime expires) => new()
        {
            Cpf = Data.NewCpf(),
            FullName = "Cadastro " + key,
            Email = $"{key}-{Guid.NewGuid():N}@purge.test.traininghub.local",
            OrganizationId = org,
            PasswordHash = "hash-" + key,
            TokenHash = new string('a', 64),
            Status = status,
            CreatedAt = expires.AddHours(-24),
            ExpiresAt = expires,
        };

        var rows = new Dictionary<string, RegistrationRequest>
        {
            ["fresh"] = Request("fresh", RegistrationStatus.Unconfirmed, now.AddHours(1)),
            ["expired"] = Request("expired", RegistrationStatus.Unconfirmed, now.AddHours(-1)),
            ["old"] = Request("old", RegistrationStatus.Unconfirmed, now.AddDays(-PurgeRegistrationRequests.KeepDays - 1)),
            ["waiting"] = Request("waiting", RegistrationStatus.AwaitingApproval, now.AddDays(-PurgeRegistrationRequests.KeepDays - 1)),
        };
        await App.WithDbAsync(db =>
        {
            db.RegistrationRequests.AddRange(rows.Values);
            return db.SaveChangesAsync();
        });

        (await App.WithDbAsync(db => PurgeRegistrationRequests.HandleAsync(db, App.Clock, CancellationToken.None))).ShouldBeGreaterThanOrEqualTo(2);
        (await App.WithDbAsync(db => PurgeRegistrationRequests.HandleAsync(db, App.Clock, CancellationToken.None))).ShouldBe(0, "running again changes nothing");

        var ids = rows.Values.Select(r => r.Id).ToList();
        var left = await App.WithDbAsync(db => db.RegistrationRequests.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.PasswordHash));
        left.ShouldNotContainKey(rows["old"].Id, "a month after expiry the row goes");
        left[rows["expired"].Id].ShouldBeNull("an expired link's passphrase hash is cleared");
        left[rows["fresh"].Id].ShouldBe("hash-fresh");
        left[rows["waiting"].Id].ShouldBe("hash-waiting", "a confirmed request awaits its decision");
    }
}
