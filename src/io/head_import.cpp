#include "io/head_import.h"

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <filesystem>
#include <string_view>

namespace pinpoint::io {

namespace {

constexpr float kMetresToMm = 1000.0f;
constexpr std::string_view kSkinMesh = "human-baseMesh";
constexpr std::string_view kEyeMesh = "human-highpolyeyesMesh";

const aiMesh* findMesh(const aiScene& scene, std::string_view name) {
    for (unsigned i = 0; i < scene.mNumMeshes; ++i)
        if (std::string_view(scene.mMeshes[i]->mName.C_Str()) == name) return scene.mMeshes[i];
    return nullptr;
}

// Appends every quad's corners in model space (mm); false if the mesh has a face that is not a quad.
bool appendQuads(const aiMesh& mesh, std::vector<glm::vec3>& corners, std::vector<glm::vec2>& uvs) {
    corners.reserve(corners.size() + 4 * mesh.mNumFaces);
    for (unsigned f = 0; f < mesh.mNumFaces; ++f) {
        const aiFace& face = mesh.mFaces[f];
        if (face.mNumIndices != 4) return false;
        for (unsigned k = 0; k < 4; ++k) {
            const aiVector3D& p = mesh.mVertices[face.mIndices[k]];
            corners.emplace_back(p.x * kMetresToMm, p.y * kMetresToMm, p.z * kMetresToMm);
            if (mesh.HasTextureCoords(0)) {
                const aiVector3D& t = mesh.mTextureCoords[0][face.mIndices[k]];
                uvs.emplace_back(t.x, t.y);
            }
        }
    }
    if (!mesh.HasTextureCoords(0)) uvs.clear();
    return true;
}

}  // namespace

core::Result<core::HeadSourceQuads> importHeadQuads(const std::string& modelPath) {
    const std::string installHint = "install assimp-testmodels with scripts/setup, or set PINPOINT_MODEL to the file";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(modelPath, ec))
        return core::Error{modelPath, 0, 0, "the head model file is missing", installHint};

    Assimp::Importer importer;
    // Node transforms applied, nothing else: model space is the file's space (face-model.md).
    const aiScene* scene = importer.ReadFile(modelPath, aiProcess_PreTransformVertices);
    if (!scene || !scene->mRootNode)
        return core::Error{modelPath, 0, 0, std::string("cannot read the head model: ") + importer.GetErrorString(),
                           installHint};

    const aiMesh* skin = findMesh(*scene, kSkinMesh);
    const aiMesh* eyes = findMesh(*scene, kEyeMesh);
    if (!skin || !eyes)
        return core::Error{modelPath, 0, 0,
                           "the model has no '" + std::string(kSkinMesh) + "' and '" + std::string(kEyeMesh) +
                               "' meshes; it is not the MakeHuman head Pinpoint expects",
                           installHint};
    core::HeadSourceQuads out;
    if (!appendQuads(*skin, out.skinCorners, out.skinUvs) || !appendQuads(*eyes, out.eyeCorners, out.eyeUvs))
        return core::Error{modelPath, 0, 0, "the head model has faces that are not quads", installHint};
    return out;
}

}  // namespace pinpoint::io
