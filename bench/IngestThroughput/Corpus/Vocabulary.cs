namespace ApiSentinel.Bench.IngestThroughput.Corpus;

/// <summary>Resource nouns and path prefixes the widened endpoints are named with.</summary>
internal static class Vocabulary
{
    public static readonly string[] Nouns =
    [
        "users", "orders", "payments", "invoices", "customers", "accounts", "products", "carts", "items", "reviews",
        "shipments", "addresses", "refunds", "subscriptions", "plans", "coupons", "tickets", "messages", "threads",
        "comments", "posts", "articles", "tags", "categories", "vendors", "suppliers", "warehouses", "stocks",
        "prices", "quotes", "contracts", "documents", "files", "uploads", "images", "videos", "playlists", "devices",
        "sessions", "tokens", "roles", "permissions", "groups", "teams", "projects", "tasks", "issues", "releases",
        "builds", "deployments", "jobs", "schedules", "events", "alerts", "metrics", "reports", "dashboards",
        "notifications", "webhooks", "integrations", "tenants", "organizations", "members", "invitations",
        "policies", "claims", "patients", "appointments", "prescriptions", "doctors", "clinics", "bookings",
        "rooms", "hotels", "flights", "trips", "drivers", "vehicles", "routes", "stops", "loans", "transfers",
        "cards", "wallets", "transactions", "ledgers", "budgets", "expenses", "employees", "payrolls", "candidates",
        "courses", "lessons", "students", "grades", "exams", "books", "authors", "libraries", "stores", "menus",
    ];

    public static readonly string[] Prefixes = ["", "/api/v1", "/api/v2", "/v1", "/v2", "/internal", "/public/api"];
}
