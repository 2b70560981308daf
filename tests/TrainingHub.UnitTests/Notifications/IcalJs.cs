using System.Diagnostics;
using System.Text.Json;

namespace TrainingHub.UnitTests.Notifications;

/// <summary>
/// Reads iCalendar text with an independent parser, the npm package ical.js (assets/node_modules) run by node, and
/// returns what it understood as JSON: the calendar's method, its time zone (and the UTC offset it gives each event's
/// start) and every event with its times as UTC instants.
/// </summary>
public static class IcalJs
{
    private const string Script = """
        import { readFileSync } from 'node:fs';
        const ICAL = (await import(process.argv[2])).default;
        const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, 'utf8')));
        const vtimezone = calendar.getFirstSubcomponent('vtimezone');
        const zone = vtimezone ? new ICAL.Timezone(vtimezone) : null;
        if (zone) ICAL.TimezoneService.register(zone);
        const param = (comp, name, p) => comp.getFirstProperty(name)?.getParameter(p) ?? null;
        const events = calendar.getAllSubcomponents('vevent').map(v => {
          const e = new ICAL.Event(v);
          return {
            uid: e.uid, sequence: e.sequence, summary: e.summary, description: e.description ?? null, location: e.location ?? null,
            url: v.getFirstPropertyValue('url'), status: v.getFirstPropertyValue('status'), transp: v.getFirstPropertyValue('transp'),
            start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(),
            startZone: param(v, 'dtstart', 'tzid'), startLocal: e.startDate.toString(),
            startOffsetSeconds: zone ? zone.utcOffset(e.startDate) : null,
            stamp: v.getFirstPropertyValue('dtstamp').toJSDate().toISOString(),
            organizer: v.getFirstPropertyValue('organizer'), organizerName: param(v, 'organizer', 'cn'),
            attendees: v.getAllProperties('attendee').map(a => ({ address: a.getFirstValue(), name: a.getParameter('cn') ?? null,
              role: a.getParameter('role'), partstat: a.getParameter('partstat'), rsvp: a.getParameter('rsvp') })),
          };
        });
        console.log(JSON.stringify({ method: calendar.getFirstPropertyValue('method'), version: calendar.getFirstPropertyValue('version'),
          timeZone: vtimezone?.getFirstPropertyValue('tzid') ?? null, events }));
        """;

    public static JsonElement Parse(string ics)
    {
        var script = Path.Combine(Path.GetTempPath(), "th-icaljs-" + Environment.ProcessId + ".mjs");
        File.WriteAllText(script, Script);
        var start = new ProcessStartInfo("node", [script, new Uri(Library()).AbsoluteUri])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        node.StandardInput.Write(ics);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        node.WaitForExit();
        node.ExitCode.ShouldBe(0, errors.Result);
        return JsonDocument.Parse(output.Result).RootElement.Clone();
    }

    private static string Library()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "assets", "node_modules", "ical.js", "dist", "ical.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("assets/node_modules/ical.js/dist/ical.js not found: run `npm ci` in assets/ (building TrainingHub.Core does it).");
    }
}
