/// A symmetric 3 × 3 matrix of doubles, for the colour covariances of matting windows.
struct Matrix3 {
    var xx = 0.0, xy = 0.0, xz = 0.0, yy = 0.0, yz = 0.0, zz = 0.0

    /// Adds `value · valueᵀ`.
    mutating func addOuterProduct(_ value: SIMD3<Double>) {
        xx += value.x * value.x
        xy += value.x * value.y
        xz += value.x * value.z
        yy += value.y * value.y
        yz += value.y * value.z
        zz += value.z * value.z
    }

    /// Read as a sum of `count` outer products: their mean minus `mean · meanᵀ`, plus `regularisation` on the
    /// diagonal.
    func covariance(mean: SIMD3<Double>, count: Double, regularisation: Double) -> Matrix3 {
        Matrix3(
            xx: xx / count - mean.x * mean.x + regularisation, xy: xy / count - mean.x * mean.y,
            xz: xz / count - mean.x * mean.z, yy: yy / count - mean.y * mean.y + regularisation,
            yz: yz / count - mean.y * mean.z, zz: zz / count - mean.z * mean.z + regularisation)
    }

    /// The inverse, by cofactors (the matrix is positive definite where it is used).
    var inverse: Matrix3 {
        let cxx = yy * zz - yz * yz, cxy = xz * yz - xy * zz, cxz = xy * yz - xz * yy
        let cyy = xx * zz - xz * xz, cyz = xy * xz - xx * yz, czz = xx * yy - xy * xy
        let determinant = xx * cxx + xy * cxy + xz * cxz
        return Matrix3(
            xx: cxx / determinant, xy: cxy / determinant, xz: cxz / determinant, yy: cyy / determinant,
            yz: cyz / determinant, zz: czz / determinant)
    }

    /// The product with a column vector.
    static func * (matrix: Matrix3, vector: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(
            matrix.xx * vector.x + matrix.xy * vector.y + matrix.xz * vector.z,
            matrix.xy * vector.x + matrix.yy * vector.y + matrix.yz * vector.z,
            matrix.xz * vector.x + matrix.yz * vector.y + matrix.zz * vector.z)
    }
}
