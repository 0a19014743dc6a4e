/* tests/target/path_proof.c — deliberately path-bearing: built (library hc_path_proof) WITHOUT the
 * top level's -ffile-prefix-map, so its object holds this file's absolute path, which
 * cmake/hc_check_no_path.cmake must find (test target.proof.path_check_catches_source_path). */
const char hc_path_proof_file[] = __FILE__;
