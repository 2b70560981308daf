using Microsoft.Extensions.Configuration;

namespace TrainingHub.Core.People;

/// <summary>LGPD settings: <c>Privacy:RetentionYears</c> (default 5), how long a person's records stay identifiable after their last activity.</summary>
public sealed record PrivacySettings
{
    public int RetentionYears { get; init; } = 5;

    public static PrivacySettings From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new PrivacySettings { RetentionYears = Math.Clamp(config.GetValue("Privacy:RetentionYears", 5), 0, 100) };
    }
}
