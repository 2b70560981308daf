using System.Reflection;
using System.Text.Json;
using PdfSharp.Drawing;

namespace TrainingHub.Core.Certificates;

/// <summary>The artwork settings in <c>assets/certificate/layout.json</c> (embedded at build time): colours, margins, border, emblem, font sizes.</summary>
public sealed record CertificateLayout
{
    public double MarginMm { get; init; } = 12;
    public LayoutColors Colors { get; init; } = new();
    public LayoutBorder Border { get; init; } = new();
    public LayoutEmblem Emblem { get; init; } = new();
    public LayoutFonts Fonts { get; init; } = new();
    public double QrSizeMm { get; init; } = 30;

    public static CertificateLayout Default { get; } = Load();

    private static CertificateLayout Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("certificate/layout.json");
        return stream is null
            ? new CertificateLayout()
            : JsonSerializer.Deserialize<CertificateLayout>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? new CertificateLayout();
    }

    public static XColor Color(string hex)
    {
        var v = Convert.ToInt32(hex.TrimStart('#'), 16);
        return XColor.FromArgb((v >> 16) & 255, (v >> 8) & 255, v & 255);
    }
}

public sealed record LayoutColors
{
    public string Primary { get; init; } = "#1F3A5F";
    public string Accent { get; init; } = "#B8892B";
    public string Text { get; init; } = "#1E1E1E";
    public string Muted { get; init; } = "#5A6470";
    public string Rule { get; init; } = "#C8CDD3";
}

public sealed record LayoutBorder
{
    public double OuterWidthPt { get; init; } = 3;
    public double InnerWidthPt { get; init; } = 0.8;
    public double GapMm { get; init; } = 2.5;
    public double CornerMm { get; init; } = 10;
}

public sealed record LayoutEmblem
{
    public double DiameterMm { get; init; } = 22;
    public string Monogram { get; init; } = "TH";
    public int Rays { get; init; } = 24;
}

public sealed record LayoutFonts
{
    public double TitlePt { get; init; } = 32;
    public double NamePt { get; init; } = 24;
    public double BodyPt { get; init; } = 12.5;
    public double SmallPt { get; init; } = 8.5;
    public double HeadingPt { get; init; } = 15;
}
