namespace TrainingHub.Core.Accounts;

/// <summary>A personal API token. Only its SHA-256 hash is stored; it acts with its owner's roles and scope.</summary>
public class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown so people can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
