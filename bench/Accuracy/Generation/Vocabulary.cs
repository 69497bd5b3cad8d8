namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Word material for word-like path values. Values are combined from several lists so a word position sees
/// thousands of distinct values (usernames, repositories, slugs, SKUs), as on a real API: a templater that
/// only recognises numbers and UUIDs fails here, which is the point.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Adjectives =
    [
        "blue", "red", "green", "black", "white", "silver", "golden", "rapid", "quiet", "brave", "lazy", "happy",
        "tiny", "giant", "smart", "fuzzy", "shiny", "cosmic", "urban", "rustic", "modern", "classic", "wild",
        "frozen", "sunny", "misty", "bold", "calm", "crisp", "dusty", "eager", "fancy", "gentle", "hollow",
        "icy", "jolly", "keen", "lucky", "mellow", "noble", "odd", "proud", "royal", "sleek", "tidy", "vivid",
        "warm", "young", "zesty", "amber", "coral", "ivory", "jade", "olive", "ruby", "teal", "violet",
    ];

    public static readonly string[] Nouns =
    [
        "widget", "gadget", "falcon", "tiger", "otter", "panda", "rocket", "comet", "river", "forest", "harbor",
        "lantern", "compass", "anchor", "beacon", "canyon", "delta", "ember", "fjord", "glacier", "horizon",
        "island", "jungle", "kettle", "ladder", "meadow", "nebula", "orchard", "pepper", "quartz", "raven",
        "saddle", "thistle", "umbrella", "valley", "walrus", "yarrow", "zephyr", "badger", "cactus", "dolphin",
        "engine", "feather", "garden", "hammer", "iris", "jacket", "koala", "lemon", "mango", "napkin", "oyster",
        "parrot", "quill", "robin", "sparrow", "tulip", "violin", "willow", "kernel", "parser", "router",
    ];

    public static readonly string[] FirstNames =
    [
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj",
        "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "xena", "yusuf", "zoe", "amir",
        "bianca", "chen", "dmitri", "elena", "farah", "giorgio", "hana", "ines", "jonas", "kenji", "lena",
        "marta", "nadia", "oscar", "priya", "quentin", "rosa", "samir", "tomas", "ulla", "vera", "wei",
    ];

    public static readonly string[] LastNames =
    [
        "smith", "jones", "garcia", "miller", "davis", "lopez", "wilson", "anderson", "thomas", "moore",
        "martin", "jackson", "white", "harris", "clark", "lewis", "walker", "hall", "young", "king", "wright",
        "scott", "green", "baker", "adams", "nelson", "hill", "campbell", "mitchell", "roberts", "carter",
        "phillips", "evans", "turner", "torres", "parker", "collins", "edwards", "stewart", "morris", "murphy",
    ];

    public static readonly string[] TechWords =
    [
        "api", "cli", "sdk", "core", "lib", "kit", "server", "client", "proxy", "gateway", "operator", "plugin",
        "loader", "bundler", "linter", "formatter", "runtime", "compiler", "analyzer", "scheduler", "monitor",
        "exporter", "bridge", "adapter", "engine", "toolkit", "framework", "dashboard", "agent", "daemon",
    ];

    public static readonly string[] Sizes = ["xs", "s", "m", "l", "xl", "xxl", "mini", "max", "pro", "lite"];

    public static readonly string[] Categories =
    [
        "shoes", "outdoor", "kitchen", "garden", "toys", "books", "audio", "cameras", "office", "fitness",
        "beauty", "grocery", "jewelry", "lighting", "pets", "tools", "travel", "watches", "baby", "gaming",
    ];

    public static readonly string[] Sentences =
    [
        "fix crash on startup", "add retry to the uploader", "update dependencies", "improve error messages",
        "support dark mode", "refactor the parser", "document the config file", "speed up the test suite",
        "handle empty responses", "remove deprecated flags", "great product, fast delivery", "works as described",
        "quarterly report", "warehouse transfer", "customer follow up", "spring collection launch",
    ];
}
