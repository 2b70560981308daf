using Microsoft.Extensions.Configuration;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Installation-wide certificate settings (configuration section <c>Certificates</c>, plus <c>App:PublicUrl</c>): the
/// public address in verification links, the batch size of the issuance job, and the issuer used where a programme
/// has no settings of its own (classes outside any programme, and transcripts, which span programmes).
/// </summary>
public sealed record IssueSettings
{
    public string? PublicUrl { get; init; }

    /// <summary>
    /// Whether certificates may be issued: each one freezes its verification address (printed and in the QR code), so
    /// while <c>App:PublicUrl</c> is unset or not an http(s) address nothing is issued (the job waits, the rest refuse).
    /// </summary>
    public bool HasPublicUrl => IsPublicUrl(PublicUrl);

    /// <summary>The refusal every issuing path gives while <see cref="HasPublicUrl"/> is false.</summary>
    public static Error PublicUrlMissing => Error.Conflict("PublicUrl", "Certificate.PublicUrlMissing");

    public static bool IsPublicUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
    public int BatchSize { get; init; } = 250;
    public string Issuer { get; init; } = "TrainingHub";
    public string? IssuerCnpj { get; init; }
    public string Place { get; init; } = "Belo Horizonte";

    /// <summary>One per line, "Name | Role".</summary>
    public string Signatories { get; init; } = "";

    public static IssueSettings From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = new IssueSettings();
        return new IssueSettings
        {
            PublicUrl = config["App:PublicUrl"],
            BatchSize = Math.Clamp(config.GetValue("Certificates:BatchSize", defaults.BatchSize), 1, 5000),
            Issuer = config["Certificates:Issuer"] is { Length: > 0 } i ? i : defaults.Issuer,
            IssuerCnpj = config["Certificates:IssuerCnpj"],
            Place = config["Certificates:Place"] is { Length: > 0 } p ? p : defaults.Place,
            Signatories = config["Certificates:Signatories"] ?? "",
        };
    }
}
