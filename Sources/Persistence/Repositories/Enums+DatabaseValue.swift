import Domain

extension JobStatus: DatabaseValueConvertible {}
extension Role: DatabaseValueConvertible {}
extension ImageType: DatabaseValueConvertible {}
