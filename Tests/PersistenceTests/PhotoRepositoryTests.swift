import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite("Photos")
struct PhotoRepositoryTests {
    @Test("the first photo is primary, later ones are appended, same content is not stored twice", arguments: DatabaseEngine.allCases)
    func addAndDeduplicate(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let book = try await SQLBookRepository(database: test.database).create(BookDetails(title: "B"))
            let photos = SQLPhotoRepository(database: test.database)
            let first = try await photos.add(RepositoryFixtures.photo(bookID: book.id, sha: "aa"), asPrimary: false)
            let second = try await photos.add(RepositoryFixtures.photo(bookID: book.id, sha: "bb"), asPrimary: false)
            let again = try await photos.add(RepositoryFixtures.photo(bookID: book.id, sha: "aa"), asPrimary: true)
            #expect(first.created && second.created && !again.created)
            #expect(again.photo.id == first.photo.id)
            let list = try await photos.list(bookID: book.id)
            #expect(list.map(\.id) == [first.photo.id, second.photo.id])
            #expect(list.map(\.isPrimary) == [true, false])
            let otherBook = try await SQLBookRepository(database: test.database).create(BookDetails(title: "C"))
            #expect(try await photos.add(RepositoryFixtures.photo(bookID: otherBook.id, sha: "aa"), asPrimary: false).created)
        }
    }

    @Test("the primaries of several books in one call; books without photos left out", arguments: DatabaseEngine.allCases)
    func primaries(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let books = SQLBookRepository(database: test.database)
            let photos = SQLPhotoRepository(database: test.database)
            let first = try await books.create(BookDetails(title: "First"))
            let second = try await books.create(BookDetails(title: "Second"))
            let empty = try await books.create(BookDetails(title: "Empty"))
            _ = try await photos.add(RepositoryFixtures.photo(bookID: first.id, sha: "a1"), asPrimary: false)
            let firstPrimary = try await photos.add(RepositoryFixtures.photo(bookID: first.id, sha: "a2"), asPrimary: true)
            let secondPrimary = try await photos.add(RepositoryFixtures.photo(bookID: second.id, sha: "b1"), asPrimary: false)
            let found = try await photos.primaries(bookIDs: [first.id, second.id, empty.id, UUID()])
            #expect(found.count == 2)
            #expect(found[first.id]?.id == firstPrimary.photo.id && found[second.id]?.id == secondPrimary.photo.id)
            #expect(try await photos.primaries(bookIDs: []).isEmpty)
        }
    }

    /// PostgreSQL runs transactions side by side: each that rewrites a book's order must see the others' photos.
    @Test("concurrent uploads, reorders and results leave one primary and distinct places", arguments: DatabaseEngine.allCases)
    func concurrentOrderChanges(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let book = try await SQLBookRepository(database: test.database).create(BookDetails(title: "B"))
            let photos = SQLPhotoRepository(database: test.database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let added = try await photos.add(RepositoryFixtures.photo(bookID: book.id), asPrimary: index % 3 == 0)
                        if index % 4 == 1 { _ = try await photos.reorder(bookID: book.id, photoIDs: [added.photo.id]) }
                    }
                }
                try await group.waitForAll()
            }
            let list = try await photos.list(bookID: book.id)
            #expect(list.count == 12)
            #expect(list.filter(\.isPrimary).count == 1 && list.first?.isPrimary == true)
            #expect(list.map(\.displayOrder) == Array(0..<12))
        }
    }

    @Test("concurrent uploads of the same content store it once", arguments: DatabaseEngine.allCases)
    func concurrentDuplicates(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let book = try await SQLBookRepository(database: test.database).create(BookDetails(title: "B"))
            let photos = SQLPhotoRepository(database: test.database)
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await photos.add(RepositoryFixtures.photo(bookID: book.id, sha: "same"), asPrimary: false).created }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1)
            #expect(try await photos.list(bookID: book.id).count == 1)
        }
    }

    @Test("upload as primary, reorder, delete keep one primary and a gap-free order", arguments: DatabaseEngine.allCases)
    func ordering(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let book = try await SQLBookRepository(database: test.database).create(BookDetails(title: "B"))
            let photos = SQLPhotoRepository(database: test.database)
            let a = try await photos.add(RepositoryFixtures.photo(bookID: book.id), asPrimary: false).photo
            let b = try await photos.add(RepositoryFixtures.photo(bookID: book.id), asPrimary: false).photo
            let c = try await photos.add(RepositoryFixtures.photo(bookID: book.id), asPrimary: true).photo
            var list = try await photos.list(bookID: book.id)
            #expect(list.map(\.id) == [c.id, a.id, b.id])
            #expect(list.map(\.displayOrder) == [0, 1, 2])
            #expect(list.filter(\.isPrimary).map(\.id) == [c.id])
            list = try await photos.reorder(bookID: book.id, photoIDs: [b.id, a.id])
            #expect(list.map(\.id) == [b.id, a.id, c.id])
            #expect(list.filter(\.isPrimary).map(\.id) == [b.id])
            #expect(try await photos.delete(b.id, bookID: book.id)?.id == b.id)
            list = try await photos.list(bookID: book.id)
            #expect(list.map(\.id) == [a.id, c.id] && list.map(\.displayOrder) == [0, 1])
            #expect(list.filter(\.isPrimary).map(\.id) == [a.id])
            #expect(try await photos.delete(b.id, bookID: book.id) == nil)
            #expect(try await photos.find(a.id, bookID: UUID()) == nil)
        }
    }

    @Test("a result whose claim no longer holds its job is refused and records nothing", arguments: DatabaseEngine.allCases)
    func staleResult(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let book = try await SQLBookRepository(database: test.database).create(BookDetails(title: "B"))
            let photos = SQLPhotoRepository(database: test.database)
            let jobs = SQLJobRepository(database: test.database)
            let source = try await photos.add(RepositoryFixtures.photo(bookID: book.id), asPrimary: false).photo
            let job = try await jobs.createPending(bookID: book.id, photoID: source.id).job
            let given = JobClaim(jobID: job.id)
            _ = try await jobs.startProcessing(given, holdFor: .seconds(60))
            try await jobs.releaseClaim(given)
            var processed = RepositoryFixtures.photo(bookID: book.id)
            processed.isBackgroundProcessed = true
            processed.sourcePhotoID = source.id
            let summary = ProcessingSummary(modelUsed: "u2netp", background: "white")
            await #expect(throws: JobClaimLost.self) {
                _ = try await photos.addProcessed(processed, source: source.id, completing: given, summary: summary)
            }
            #expect(try await photos.list(bookID: book.id).map(\.id) == [source.id])
            #expect(try await jobs.find(job.id)?.status == .processing)
            let holder = JobClaim(jobID: job.id)
            _ = try await jobs.startProcessing(holder, holdFor: .seconds(60))
            _ = try await photos.addProcessed(processed, source: source.id, completing: holder, summary: summary)
            #expect(try await jobs.find(job.id)?.status == .completed)
            #expect(try await jobs.startProcessing(JobClaim(jobID: job.id), holdFor: .seconds(60)) == .finished)
        }
    }

    @Test(
        "a processed photo becomes primary at 0, others follow, the source goes last, the job completes with its book outline",
        arguments: DatabaseEngine.allCases)
    func addProcessed(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let book = try await SQLBookRepository(database: test.database).create(BookDetails(title: "B"))
            let photos = SQLPhotoRepository(database: test.database)
            let jobs = SQLJobRepository(database: test.database)
            let a = try await photos.add(RepositoryFixtures.photo(bookID: book.id), asPrimary: false).photo
            let source = try await photos.add(RepositoryFixtures.photo(bookID: book.id, type: .cover), asPrimary: false).photo
            let c = try await photos.add(RepositoryFixtures.photo(bookID: book.id), asPrimary: false).photo
            let job = try await jobs.createPending(bookID: book.id, photoID: source.id).job
            var processed = RepositoryFixtures.photo(bookID: book.id)
            processed.isBackgroundProcessed = true
            processed.sourcePhotoID = source.id
            let outline = BookOutlineResult(
                outcome: .applied, shapeScoreBefore: 0.4881, shapeScoreAfter: 1, fillsFrame: true,
                wholePhotoCheck: .printedPage)
            let timings = [StageTiming(stage: "decode", milliseconds: 12.5), StageTiming(stage: "inference", milliseconds: 240)]
            let summary = ProcessingSummary(
                modelUsed: "u2netp", background: "white", bookOutline: outline, stageTimings: timings)
            let claim = JobClaim(jobID: job.id)
            _ = try await jobs.startProcessing(claim, holdFor: .seconds(60))
            let stored = try await photos.addProcessed(processed, source: source.id, completing: claim, summary: summary)
            let list = try await photos.list(bookID: book.id)
            #expect(list.map(\.id) == [stored.id, a.id, c.id, source.id])
            #expect(list.map(\.displayOrder) == [0, 1, 2, 3])
            #expect(list.map(\.isPrimary) == [true, false, false, false])
            let completed = try #require(try await jobs.find(job.id))
            #expect(completed.status == .completed && completed.modelUsed == "u2netp")
            #expect(completed.bookOutline == outline)
            try await test.database.query(
                """
                UPDATE photo_jobs SET book_outline_fills_frame = NULL, book_outline_whole_photo_check = NULL
                WHERE id = \(bind: job.id)
                """)
            let recordedBeforeTheColumns = try #require(try await jobs.find(job.id)?.bookOutline)
            #expect(recordedBeforeTheColumns.outcome == .applied && !recordedBeforeTheColumns.fillsFrame)
            #expect(recordedBeforeTheColumns.wholePhotoCheck == nil)
            try await test.database.query(
                """
                UPDATE photo_jobs SET book_outline_fills_frame = TRUE, book_outline_whole_photo_check = 'rotated_page'
                WHERE id = \(bind: job.id)
                """)
            let checkOfANewerBuild = try #require(
                try await jobs.find(job.id)?.bookOutline, "a check this build does not know still lets the job read")
            #expect(checkOfANewerBuild.fillsFrame && checkOfANewerBuild.wholePhotoCheck == nil)
            #expect(checkOfANewerBuild.shapeScoreBefore == 0.4881 && checkOfANewerBuild.shapeScoreAfter == 1)
            try await test.database.query(
                "UPDATE photo_jobs SET book_outline = 'cropped_to_spine' WHERE id = \(bind: job.id)")
            let outcomeOfANewerBuild = try #require(try await jobs.find(job.id))
            #expect(outcomeOfANewerBuild.bookOutline == nil && outcomeOfANewerBuild.status == .completed)
            #expect(outcomeOfANewerBuild.processedPhotoID == stored.id)
            let kept = try await test.database.query(
                "SELECT book_outline, book_outline_whole_photo_check FROM photo_jobs WHERE id = \(bind: job.id)")
            #expect(try kept.first?.optionalString("book_outline") == "cropped_to_spine", "the value stays for the newer build")
            #expect(try kept.first?.optionalString("book_outline_whole_photo_check") == "rotated_page")
            #expect(completed.background == "white" && completed.stageTimings == timings)
            #expect(completed.processedPhotoID == stored.id && completed.completedAt != nil)
        }
    }
}
