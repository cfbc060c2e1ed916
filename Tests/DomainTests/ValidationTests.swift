import Domain
import Testing

@Suite("Book details, roles and API tokens")
struct ValidationTests {
    @Test("titles are trimmed and required; ISBNs normalised; bad fields named")
    func bookDetails() throws {
        let details = try BookDetails(title: "  Moby Dick ", isbn: "978-0-14-243724-7", currency: "EUR").validated()
        #expect(details.title == "Moby Dick")
        #expect(details.isbn == "9780142437247")
        #expect(throws: ValidationError(field: "title", message: "must not be empty")) {
            try BookDetails(title: "   ").validated()
        }
        #expect((try? BookDetails(title: "x", isbn: "12345").validated()) == nil)
        #expect((try? BookDetails(title: "x", publicationYear: -1).validated()) == nil)
        #expect((try? BookDetails(title: "x", priceCents: -5).validated()) == nil)
        #expect((try? BookDetails(title: "x", currency: "euro").validated()) == nil)
        #expect((try? BookDetails(title: String(repeating: "a", count: 501)).validated()) == nil)
    }

    @Test("roles include the ones below them")
    func roles() {
        #expect(Role.admin.allows(.editor) && Role.admin.allows(.viewer))
        #expect(Role.editor.allows(.viewer) && !Role.editor.allows(.admin))
        #expect(!Role.viewer.allows(.editor))
    }

    @Test("tokens are bp_ plus 64 hex digits; the stored hash is not the token")
    func tokens() throws {
        let token = APIKeyToken.generate()
        #expect(token.value.count == 67)
        #expect(APIKeyToken(token.value) == token)
        #expect(token.hash.count == 64 && token.hash != token.value)
        #expect(APIKeyToken("bp_short") == nil)
        #expect(APIKeyToken("xx_" + String(repeating: "a", count: 64)) == nil)
        #expect(APIKeyToken.generate() != token)
    }
}
