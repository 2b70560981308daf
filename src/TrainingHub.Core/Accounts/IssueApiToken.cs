using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record IssuedApiToken(int Id, string Token, DateTime? ExpiresAt);

/// <summary>Creates a personal API token; the clear token is returned once and only its hash is kept.</summary>
public static class IssueApiToken
{
    public static async Task<Result<IssuedApiToken>> HandleAsync(TrainingHubDbContext db, string userId, string? name, int? days, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var n = name?.Trim();
        if (string.IsNullOrEmpty(n) || n.Length > 100)
        {
            return Error.Validation("Name", "ApiToken.NameRequired");
        }

        if (days is < 1 or > 366)
        {
            return Error.Validation("Days", "ApiToken.DaysRange");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var token = ApiTokenFormat.NewToken();
        var row = new ApiToken
        {
            UserId = userId,
            Name = n,
            Prefix = ApiTokenFormat.PrefixOf(token),
            TokenHash = ApiTokenFormat.Hash(token),
            CreatedAt = now,
            ExpiresAt = days is { } d ? now.AddDays(d) : null,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return Result<IssuedApiToken>.Ok(new IssuedApiToken(row.Id, token, row.ExpiresAt));
    }
}
