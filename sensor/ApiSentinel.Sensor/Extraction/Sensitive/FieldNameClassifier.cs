namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Maps a field name to what it says about its value. The name is split into lower-case words on snake, kebab,
/// dot, bracket and camelCase boundaries ("cardNumber", "card-number", "CARD_NUMBER", "user[cardNumber]" all give
/// card, number); long distinctive words ("password", "cardnumber") are then matched inside the joined words, short
/// ambiguous ones ("ssn", "cc", "pan", "tel") only as whole words so "classname" is not an SSN field.
/// Allocation-free: the words live on the stack.
/// </summary>
internal static class FieldNameClassifier
{
    private const int MaxChars = 64;
    private const int MaxWords = 16;

    public static FieldContext Classify(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return FieldContext.None;
        }

        Span<char> joined = stackalloc char[MaxChars];
        Span<int> wordStarts = stackalloc int[MaxWords + 1];
        var length = 0;
        var words = 0;
        var inWord = false;
        for (var i = 0; i < name.Length && length < MaxChars; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                inWord = false;
                continue;
            }

            var startsWord = !inWord;
            if (inWord && char.IsAsciiLetterUpper(c))
            {
                var previous = name[i - 1];
                // camelCase ("cardNumber") and the end of an acronym ("CCNumber" -> CC | Number).
                startsWord = char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous) ||
                             (char.IsAsciiLetterUpper(previous) && i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]));
            }

            if (startsWord)
            {
                if (words == MaxWords)
                {
                    break;
                }

                wordStarts[words++] = length;
            }

            joined[length++] = char.ToLowerInvariant(c);
            inWord = true;
        }

        wordStarts[words] = length;
        return Classify(new Words(joined[..length], wordStarts[..(words + 1)]));
    }

    private static FieldContext Classify(Words w)
    {
        if (w.Count == 0)
        {
            return FieldContext.None;
        }

        if (w.JoinedContains("secretaccesskey") || (w.Has("aws") && w.Has("secret")))
        {
            return FieldContext.AwsSecret;
        }

        if (w.JoinedContains("password") || w.JoinedContains("passwd") || w.JoinedContains("passphrase") ||
            w.JoinedContains("passcode") || w.Has("pwd") || w.Has("pin") || w.Last.SequenceEqual("pass"))
        {
            return FieldContext.Password;
        }

        // Before secrets: "card_security_code" is a card verification code, "security_code" alone a secret.
        if (w.Has("cvv") || w.Has("cvc") || w.Has("cvv2") || w.Has("cvc2") || w.Has("csc") ||
            w.JoinedContains("cardsecuritycode") || w.JoinedContains("cardverification"))
        {
            return FieldContext.CardSecurityCode;
        }

        if (IsQualifiedKey(w) || IsQualifiedCode(w) || (HasSecretWord(w) && !DescribesASetting(w)))
        {
            return FieldContext.Secret;
        }

        if (w.Has("ssn") || w.JoinedContains("socialsecurity"))
        {
            return FieldContext.Ssn;
        }

        if (w.JoinedContains("cardnumber") || w.JoinedContains("creditcard") || w.JoinedContains("debitcard") ||
            w.JoinedContains("cardno") || w.JoinedContains("cardnum") || w.JoinedContains("paymentcard") ||
            w.JoinedContains("primaryaccountnumber") || w.Has("cc") || w.Has("ccn") || w.Has("ccnum") ||
            w.Has("ccnumber") || w.Has("pan") || w.Last.SequenceEqual("card"))
        {
            return FieldContext.Card;
        }

        if (w.JoinedContains("iban"))
        {
            return FieldContext.Iban;
        }

        if (w.JoinedContains("email") || w.Has("mail"))
        {
            return FieldContext.Email;
        }

        if (w.JoinedContains("phone") || w.JoinedContains("mobile") || w.Has("tel") || w.Has("cell") ||
            w.Has("msisdn") || w.Has("fax"))
        {
            return FieldContext.Phone;
        }

        if (w.Has("dob") || w.JoinedContains("dateofbirth") || w.JoinedContains("birthdate") || w.JoinedContains("birthday"))
        {
            return FieldContext.DateOfBirth;
        }

        // Tokens: only when "token" is the last word (so "token_type", "token_expiry" are not), and not the
        // pagination/continuation tokens APIs hand out openly (nextToken, $skiptoken, resumeToken, startAfterToken).
        if ((w.Last.SequenceEqual("token") || w.JoinedEndsWith("token") || w.Has("bearer")) && !IsContinuation(w))
        {
            return FieldContext.Token;
        }

        // Other bearer credentials, by the word that ends the name: "jwt", "id_jwt"; a signature ("sig",
        // "x-amz-signature" — pre-signed URLs); a session ("session", "sessionId", "sid", "session_key"); "auth".
        if (w.JoinedEndsWith("jwt") || w.Last.SequenceEqual("signature") || w.Last.SequenceEqual("sig") ||
            w.Last.SequenceEqual("auth") || w.Last.SequenceEqual("authorization") || IsSession(w))
        {
            return FieldContext.Token;
        }

        return FieldContext.None;
    }

    /// <summary>
    /// True when the name is a credential of any kind: a password, secret, key or token name (what the auth
    /// classifier treats as an API key when it names a request header or query parameter). CSRF tokens are
    /// anti-forgery nonces, not credentials.
    /// </summary>
    public static bool IsCredentialName(ReadOnlySpan<char> name)
    {
        var context = Classify(name);
        if (context is not (FieldContext.Secret or FieldContext.Token or FieldContext.AwsSecret or FieldContext.Password))
        {
            return false;
        }
        Span<char> lower = stackalloc char[Math.Min(name.Length, MaxChars)];
        name[..lower.Length].ToLowerInvariant(lower);
        return !lower.Contains("csrf", StringComparison.Ordinal) && !lower.Contains("xsrf", StringComparison.Ordinal);
    }

    /// <summary>
    /// Words that make "key" a credential when they come before it: "api_key", "X-Auth-Key", "accessKey",
    /// "clientkey". "key" alone, "primary_key", "sort_key", "public_key" (and "monkey", "keyboard") are not.
    /// </summary>
    private static readonly string[] KeyQualifiers =
    [
        "api", "access", "auth", "secret", "private", "signing", "encryption", "master", "client", "app",
        "application", "session", "subscription", "license", "licence", "hmac", "shared", "consumer", "developer",
        "service", "account", "admin", "root", "integration", "webhook", "partner", "merchant", "personal",
    ];

    /// <summary>
    /// Words that make "code" a secret when they come with it: "security_code", "otp_code", "authCode",
    /// "verification-code", "sms_code". "code" alone, "zipcode", "postcode", "country_code", "status_code" are not.
    /// </summary>
    private static readonly string[] CodeQualifiers =
    [
        "security", "otp", "totp", "hotp", "auth", "authorization", "authorisation", "verification", "verify",
        "sms", "mfa", "2fa", "tfa", "confirmation", "confirm", "recovery", "reset", "activation", "access",
        "backup", "login", "signin", "onetime", "device", "pairing", "unlock", "magic",
    ];

    /// <summary>"key" ends the name, and a credential word is right before it (as a word, or joined: "apikey").</summary>
    private static bool IsQualifiedKey(Words w) => EndsWithQualified(w, "key", KeyQualifiers);

    private static bool IsQualifiedCode(Words w) => EndsWithQualified(w, "code", CodeQualifiers);

    private static bool EndsWithQualified(Words w, string last, string[] qualifiers)
    {
        if (!w.JoinedEndsWith(last))
        {
            return false;
        }
        var isWord = w.Last.SequenceEqual(last);
        foreach (var qualifier in qualifiers)
        {
            // "X-Auth-Key" (words x, auth, key) or "authkey" (one word) but not "monkey": the qualifier must
            // end exactly where "key" begins, as a word of its own or as the whole joined word's prefix part.
            if (isWord ? w.HasBeforeLast(qualifier) : w.LastIs(qualifier, last))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Words that make a token a place in a listing rather than a credential, wherever they stand in the name
    /// (as words or joined: "nextToken", "next_token", "$skiptoken", "X-Pagination-Token").
    /// </summary>
    private static readonly string[] ContinuationWords =
    [
        "next", "page", "pagination", "skip", "resume", "start", "after", "before", "cursor", "continuation", "sync",
        "offset",
    ];

    private static bool IsContinuation(Words w)
    {
        foreach (var word in ContinuationWords)
        {
            if (w.JoinedContains(word))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// "secret", "credential(s)" as a word or ending one ("client_secret", "clientsecret", "userCredentials"), and
    /// the one-time-password words as whole words — not "secretary", "otpauth" or "notpad".
    /// </summary>
    private static bool HasSecretWord(Words w)
    {
        for (var i = 0; i < w.Count; i++)
        {
            var word = w.At(i);
            if (word.EndsWith("secret", StringComparison.Ordinal) || word.EndsWith("secrets", StringComparison.Ordinal) ||
                word.EndsWith("credential", StringComparison.Ordinal) || word.EndsWith("credentials", StringComparison.Ordinal) ||
                word.SequenceEqual("otp") || word.SequenceEqual("totp") || word.SequenceEqual("hotp"))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Last words that make a secret's name the name of a setting about it: "otp_length", "credentialsType",
    /// "secret_santa_id", "mfa_otp_enabled" carry a number, a kind, a flag or an id — not the secret.
    /// </summary>
    private static readonly string[] SettingWords =
    [
        "length", "len", "type", "types", "kind", "count", "enabled", "disabled", "required", "id", "ids", "name",
        "names", "policy", "format", "mode", "status", "version", "size", "provider", "expiry", "expires",
        "expiration", "ttl", "digits", "period", "algorithm", "label", "hint",
    ];

    private static bool DescribesASetting(Words w)
    {
        if (w.Count < 2)
        {
            return false;
        }
        foreach (var word in SettingWords)
        {
            if (w.Last.SequenceEqual(word))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"session", "session_id", "session_key", "sessid", "jsessionid" — not "session_count".</summary>
    private static bool IsSession(Words w)
    {
        if (w.JoinedEndsWith("sessid") || w.JoinedEndsWith("sessionid") || w.Last.SequenceEqual("session"))
        {
            return true;
        }
        return (w.Has("session") || w.Has("sess")) &&
               (w.Last.SequenceEqual("id") || w.Last.SequenceEqual("key") || w.Last.SequenceEqual("cookie"));
    }

    /// <summary>Lower-cased words of a field name, concatenated, with their start offsets (plus one end sentinel).</summary>
    private readonly ref struct Words(ReadOnlySpan<char> joined, ReadOnlySpan<int> starts)
    {
        private readonly ReadOnlySpan<char> _joined = joined;
        private readonly ReadOnlySpan<int> _starts = starts;

        public int Count => _starts.Length - 1;

        public ReadOnlySpan<char> Last => _joined[_starts[Count - 1]..];

        public bool Has(string word)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_joined[_starts[i].._starts[i + 1]].SequenceEqual(word))
                {
                    return true;
                }
            }

            return false;
        }

        public ReadOnlySpan<char> At(int i) => _joined[_starts[i].._starts[i + 1]];

        public bool JoinedContains(string text) => _joined.Contains(text, StringComparison.Ordinal);

        /// <summary>The word before the last one is <paramref name="word"/>.</summary>
        public bool HasBeforeLast(string word) =>
            Count >= 2 && _joined[_starts[Count - 2].._starts[Count - 1]].SequenceEqual(word);

        /// <summary>The last word is exactly <paramref name="qualifier"/> followed by <paramref name="suffix"/> ("authkey").</summary>
        public bool LastIs(string qualifier, string suffix) =>
            Last.Length == qualifier.Length + suffix.Length && Last.StartsWith(qualifier, StringComparison.Ordinal) &&
            Last.EndsWith(suffix, StringComparison.Ordinal);

        public bool JoinedEndsWith(string text) => _joined.EndsWith(text, StringComparison.Ordinal);
    }
}
