using Waymark.Assessment;
using Waymark.ServiceDirectory;

namespace Waymark.Demo;

/// <summary>
/// Clearly fictional local services for the demo and for benchmarks: made-up names in made-up places
/// (Northshire, Eastbrook, Kingsmoor; postcode areas NS, EB, KM), example.invalid email addresses and
/// phone numbers in Ofcom's 01632 960xxx drama range. Every assessment domain is covered.
/// </summary>
public sealed class SyntheticDirectory(int seed)
{
    private readonly Random _rng = new(seed);

    private static readonly string[] Areas = ["NS", "EB", "KM"];
    private static readonly string[] Towns = ["Northtown", "Eastbrook", "Kingsmoor", "Southam Cross", "Millbridge"];
    private static readonly string[] Streets = ["High Street", "Station Road", "Mill Lane", "Church Street", "Quay Road", "Victoria Terrace", "Park View"];
    private static readonly string[] Given = ["Alex", "Sam", "Jo", "Chris", "Robin", "Pat", "Jordan", "Casey", "Morgan", "Ash"];
    private static readonly string[] Family = ["Example", "Sample", "Placeholder", "Fictional", "Madeup", "Testington"];

    /// <summary>(needs, service name, organisation, description, eligibility) for the demo: one line a service.</summary>
    private static readonly (string[] Needs, string Name, string Org, string Description, string? Eligibility)[] Catalogue =
    [
        (["housing"], "Northshire Housing Options", "Northshire District Council (fictional)", "Homelessness assessments, temporary accommodation and prevention advice.", "Anyone homeless or at risk in Northshire"),
        (["housing", "substance-use"], "Quayside Night Shelter", "Quayside Shelter Trust", "Twenty beds a night, evening meal, no referral needed after 7pm.", "Adults 18 and over; no one turned away for drinking"),
        (["housing", "mental-health"], "Millbridge Supported Housing", "Millbridge Homes (fictional)", "Supported flats with on-site workers for people recovering from mental ill health.", "Adults with a mental health care coordinator"),
        (["housing"], "Eastbrook Tenancy Rescue", "Eastbrook Advice Collective", "Help to keep a tenancy: arrears, disrepair, eviction notices.", null),
        (["money"], "Northshire Welfare Rights", "Northshire Advice Centre (fictional)", "Benefit checks, claims and appeals, Universal Credit problems.", null),
        (["money"], "Kingsmoor Debt Advice", "Kingsmoor Money Matters", "Free, confidential debt advice and budgeting support.", null),
        (["money", "food"], "Crisis Grant Helpdesk", "Northshire Local Welfare Scheme (fictional)", "Emergency grants for food, fuel and essentials.", "Northshire residents in crisis"),
        (["food"], "Eastbrook Food Bank", "Eastbrook Churches Together (fictional)", "Three days' emergency food; voucher or drop in.", null),
        (["food", "family-social"], "Millbridge Community Kitchen", "Millbridge Community Kitchen", "Hot lunches, cooking sessions and company.", null),
        (["physical-health", "gp-registration"], "Northshire Inclusion Health Clinic", "Northshire Community Health (fictional)", "Nurse-led clinic for people without a GP; wound care, health checks.", "People who are homeless or not registered with a GP"),
        (["gp-registration"], "GP Registration Support Line", "Northshire Patient Link (fictional)", "Help to register with a GP without proof of address.", null),
        (["physical-health"], "Kingsmoor Sexual Health Drop-in", "Kingsmoor Health Trust (fictional)", "Testing, contraception and advice.", null),
        (["mental-health"], "Northshire Talking Therapies", "Northshire Mental Health Trust (fictional)", "Psychological therapies for anxiety and depression; self-referral.", "Adults registered with a Northshire GP"),
        (["mental-health", "self-harm"], "Eastbrook Crisis Café", "Eastbrook Mind Matters (fictional)", "Evening crisis café: a safe place to talk when things feel too much.", null),
        (["mental-health", "personality-disorder"], "Community Mental Health Team North", "Northshire Mental Health Trust (fictional)", "Secondary mental health care, care coordination.", "Referral from GP or liaison and diversion"),
        (["self-harm"], "Northshire Self-Harm Support Group", "Kingsmoor Wellbeing Collective", "Peer support group, weekly.", null),
        (["substance-use"], "Northshire Recovery Service", "Northshire Recovery Partnership (fictional)", "Drug and alcohol treatment, prescribing and recovery groups.", "Adults 18 and over"),
        (["substance-use"], "Eastbrook Needle Exchange", "Eastbrook Harm Reduction", "Needle exchange, naloxone and harm reduction advice.", null),
        (["trauma", "risk-from-others"], "Northshire Survivors' Service", "Northshire Survivors' Network (fictional)", "Counselling and advocacy for survivors of abuse and trauma.", null),
        (["risk-from-others"], "Kingsmoor Domestic Abuse Service", "Kingsmoor Safe Homes (fictional)", "Independent domestic violence advisers and refuge referrals.", null),
        (["risk-from-others"], "Northshire Victim Support Hub", "Northshire Victim Care (fictional)", "Support after crime, including exploitation and cuckooing.", null),
        (["learning-disability", "autism"], "Northshire Learning Disability Team", "Northshire Community Health (fictional)", "Assessment and support for adults with learning disabilities.", "Adults with a learning disability"),
        (["autism", "adhd"], "Neurodiversity Advice Service", "Eastbrook Neurodiversity Hub (fictional)", "Advice before and after diagnosis of autism or ADHD.", null),
        (["adhd"], "Kingsmoor ADHD Peer Group", "Kingsmoor Wellbeing Collective", "Monthly peer support for adults with ADHD.", null),
        (["brain-injury"], "Headway-style Brain Injury Group (fictional)", "Northshire Brain Injury Trust (fictional)", "Support for people living with an acquired brain injury.", null),
        (["dementia"], "Memory Matters Northshire", "Northshire Memory Service (fictional)", "Memory assessment and carers' support.", "Adults with memory problems"),
        (["employment"], "Northshire Work and Skills", "Northshire Works (fictional)", "Job search, CVs, interview practice and training.", null),
        (["employment", "education"], "Second Chance Skills", "Eastbrook College (fictional)", "Courses for adults with convictions, with careers advice.", null),
        (["education"], "Read Easy Northshire (fictional)", "Northshire Literacy Volunteers", "One-to-one reading coaching for adults.", null),
        (["family-social"], "Northshire Families Together", "Northshire Family Action (fictional)", "Support for families, including when a parent is in the justice system.", null),
        (["family-social", "mental-health"], "Kingsmoor Men's Shed", "Kingsmoor Community Trust", "Company, projects and a cuppa for men who feel isolated.", null),
    ];

    /// <summary>The demo's services for one team: every domain covered, a mix of verified, stale and never-checked entries.</summary>
    public List<LocalService> Demo(Guid teamId, DateTimeOffset now)
    {
        var orgs = new Dictionary<string, Organisation>();
        var list = new List<LocalService>();
        for (var i = 0; i < Catalogue.Length; i++)
        {
            var (needs, name, orgName, description, eligibility) = Catalogue[i];
            if (!orgs.TryGetValue(orgName, out var org))
                orgs[orgName] = org = NewOrganisation(teamId, orgName);
            list.Add(NewService(teamId, org, name, description, needs, eligibility, now, i));
        }
        return list;
    }

    /// <summary><paramref name="count"/> services for benchmarks: random needs (1–4), places, ages, sessions.</summary>
    public IEnumerable<LocalService> Generate(Guid teamId, int count, DateTimeOffset now)
    {
        var orgs = Enumerable.Range(1, Math.Max(1, count / 20)).Select(i => NewOrganisation(teamId, $"Synthetic Organisation {i:D4} (fictional)")).ToList();
        for (var i = 0; i < count; i++)
        {
            var needs = AssessmentDomains.All.OrderBy(_ => _rng.Next()).Take(_rng.Next(1, 5)).Select(d => d.Code).ToArray();
            var first = AssessmentDomains.Find(needs[0])!.Name;
            var town = Towns[_rng.Next(Towns.Length)];
            yield return NewService(teamId, orgs[_rng.Next(orgs.Count)], $"{town} {first} Service {i + 1:D5}", $"Synthetic service number {i + 1} for {first.ToLowerInvariant()}.", needs, null, now, i);
        }
    }

    private Organisation NewOrganisation(Guid teamId, string name) => new()
    {
        TeamId = teamId, Name = name, Description = "A fictional organisation in the Waymark demo.",
        Website = $"https://{Slug(name)}.example.invalid", Email = $"info@{Slug(name)}.example.invalid", Phone = Phone(),
    };

    private LocalService NewService(Guid teamId, Organisation org, string name, string description, string[] needs, string? eligibility, DateTimeOffset now, int i)
    {
        var area = Areas[_rng.Next(Areas.Length)];
        var district = $"{area}{_rng.Next(1, 21)}";
        var dropIn = _rng.Next(3) == 0;
        var s = new LocalService
        {
            TeamId = teamId, OrganisationId = org.Id, Organisation = org, Name = name, Description = description,
            Url = $"https://{Slug(org.Name)}.example.invalid/{Slug(name)}", Email = $"referrals@{Slug(org.Name)}.example.invalid", Phone = Phone(),
            MinimumAge = _rng.Next(4) switch { 0 => null, 1 => 16, _ => 18 }, MaximumAge = _rng.Next(8) == 0 ? 25 : null,
            Eligibility = eligibility, AcceptsOffendingHistory = _rng.Next(5) switch { 0 => false, 1 => null, _ => true },
            AcceptsCoOccurringSubstanceUse = _rng.Next(4) switch { 0 => false, 1 => null, _ => true },
            HowToRefer = _rng.Next(2) == 0 ? "Phone the duty line with the person present, or email the referral form." : "Self-referral: the person can ring or drop in.",
            ReferralRequirements = _rng.Next(2) == 0 ? "Consent, GP details and any risk information." : null,
            DropIn = dropIn, DropInDetails = dropIn ? "No appointment needed during drop-in sessions." : null,
            UpdatedAt = now.AddDays(-_rng.Next(0, 400)),
            // A third checked recently, a third stale, a third never.
            LastVerifiedAt = (i % 3) switch { 0 => now.AddDays(-_rng.Next(1, 90)), 1 => now.AddDays(-_rng.Next(200, 700)), _ => null },
        };
        s.LastVerifiedBy = s.LastVerifiedAt is null ? null : "demo-data@example.invalid";
        foreach (var n in needs.Distinct()) s.Needs.Add(new ServiceNeed { ServiceId = s.Id, Domain = n });
        var street = $"{_rng.Next(1, 200)} {Streets[_rng.Next(Streets.Length)]}";
        var postcode = $"{district} {_rng.Next(1, 10)}{(char)('A' + _rng.Next(26))}{(char)('A' + _rng.Next(26))}";
        s.Locations.Add(new ServiceLocation { ServiceId = s.Id, Address = street, Town = Towns[_rng.Next(Towns.Length)], Postcode = postcode, PostcodeDistrict = district });
        s.Areas.Add(new ServiceArea { ServiceId = s.Id, District = _rng.Next(3) == 0 ? area : district });
        if (_rng.Next(3) == 0)
        {
            var other = $"{area}{_rng.Next(1, 21)}";
            if (s.Areas.All(a => a.District != other)) s.Areas.Add(new ServiceArea { ServiceId = s.Id, District = other });
        }
        var days = _rng.Next(3) switch
        {
            0 => new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
            1 => [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday],
            _ => Enum.GetValues<DayOfWeek>(),
        };
        var opens = new TimeOnly(_rng.Next(8, 11), _rng.Next(2) * 30);
        var closes = new TimeOnly(_rng.Next(15, 21), _rng.Next(2) * 30);
        foreach (var d in days) s.OpeningTimes.Add(new OpeningTime { ServiceId = s.Id, Day = d, Opens = opens, Closes = closes });
        if (dropIn) s.OpeningTimes.Add(new OpeningTime { ServiceId = s.Id, Day = DayOfWeek.Tuesday, Opens = new TimeOnly(18, 0), Closes = new TimeOnly(20, 0), DropIn = true });
        var contactName = $"{Given[_rng.Next(Given.Length)]} {Family[_rng.Next(Family.Length)]}";
        s.Contacts.Add(new ServiceContact
        {
            ServiceId = s.Id, Name = contactName, Role = _rng.Next(2) == 0 ? "Duty worker" : "Team leader", Phone = Phone(),
            Email = $"{Slug(contactName)}@example.invalid",
            RelationshipNotes = _rng.Next(2) == 0 ? "Ring before 10am; happy to take a three-way call with the person." : "Email first, then ring; knows our team well.",
        });
        return s;
    }

    private string Phone() => $"01632 960{_rng.Next(0, 1000):D3}";

    private static string Slug(string s) => new(s.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ').Select(c => c == ' ' ? '-' : c).ToArray());
}
